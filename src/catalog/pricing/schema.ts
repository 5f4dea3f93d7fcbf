// Pricing in the graph: variationPricesSet, productWholesaleSet, Variation.priceFor and Product.wholesaleMinQty.
import '../graphql/mutations/variation-prices-set.js';
import '../graphql/mutations/product-wholesale-set.js';
import '../graphql/price-for.js';
