// Pricing in the graph: variationPricesSet, productWholesaleSet, Variation.priceFor and Product.wholesaleMinQty.
import './variation-prices-set.js';
import './product-wholesale-set.js';
import './price-for.js';
