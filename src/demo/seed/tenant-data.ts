// The whole data set of one demo tenant, generated in memory from one seeded PRNG:
// regions, the shop's setup, catalog, customers, orders, and the stock they leave.
import { addCatalog } from './catalog.js';
import { addCustomers } from './customers.js';
import { addOrders } from './orders.js';
import { Rng } from './random.js';
import { RegionBook } from './regions.js';
import { addShopSetup } from './shop-setup.js';
import { StockLedger } from './stock-ledger.js';
import { addStock } from './stock-levels.js';
import { TenantRows } from './tenant-rows.js';

export function generateTenantData(slug: string, tenantName: string, orderCount: number, seed: number): TenantRows {
  const rng = new Rng(seed);
  const rows = new TenantRows();
  const regions = new RegionBook(rows);
  const shop = addShopSetup(rng, rows, regions, tenantName, orderCount);
  const catalog = addCatalog(rng, rows, slug, orderCount);
  const customers = addCustomers(rng, rows, regions, orderCount);
  const ledger = new StockLedger(catalog.ownVariations, shop.warehouses);
  addOrders({ rng, rows, regions, shop, catalog, customers, ledger }, orderCount);
  addStock(rng, rows, ledger, catalog);
  rows.assertKnownColumns();
  return rows;
}
