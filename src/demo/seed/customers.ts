// Customers by category with their saved addresses; the active (and lapsed) ones
// are the buyers orders are drawn from.
import type { CustomerStatus } from '../../db/generated/prisma/enums.js';
import { personalPhone, personName, streetAddress } from './contacts.js';
import { CUSTOMER_CATEGORIES } from './customer-categories.js';
import type { Rng } from './random.js';
import type { RegionBook } from './regions.js';
import { DAY, ORDER_WINDOW, SEED_BASE_TIME } from './seed-time.js';
import type { TenantRows } from './tenant-rows.js';

export interface SavedAddress {
  region: number;
  address: string;
  postalCode: string;
  recipient: string;
  phone: string;
}

export interface CustomerInfo {
  idx: number;
  name: string;
  phone: string;
  email: string | null;
  /** Customer category row index. */
  category: number | null;
  region: number;
  address: string;
  postalCode: string;
  /** The name a dropshipper ships under. */
  shopName: string;
  /** The default address first. */
  addresses: SavedAddress[];
}

export interface Customers {
  /** Row index = position in this list. */
  all: CustomerInfo[];
  /** Customers who place orders, shuffled so that the loyal few are anyone. */
  buyers: number[];
}

export function addCustomers(rng: Rng, rows: TenantRows, regions: RegionBook, orderCount: number): Customers {
  const customers: Customers = { all: [], buyers: [] };
  const count = Math.min(5_000, Math.max(20, Math.round(orderCount / 10)));
  const weights = CUSTOMER_CATEGORIES.map((c, k) => [k, c.share] as const);
  for (let c = 0; c < count; c++) {
    const name = personName(rng);
    const category = rng.chance(0.02) ? null : rng.weighted(weights);
    const status: CustomerStatus = rng.weighted([['ACTIVE', 85], ['PENDING', 5], ['INACTIVE', 5], ['BLOCKED', 3], ['REFUSED', 2]]);
    const region = rng.pick(regions.subdistricts);
    const phone = personalPhone(rng, c);
    const handle = name.toLowerCase().replace(/[^a-z]+/g, '.');
    const address = streetAddress(rng);
    const createdAt = SEED_BASE_TIME - ORDER_WINDOW - 10 * DAY - rng.int(0, 400 * DAY);
    const info: CustomerInfo = {
      idx: c, name, phone, email: rng.chance(0.45) ? `${handle}${c + 1}@${rng.pick(['gmail.com', 'gmail.com', 'yahoo.co.id', 'outlook.com'])}` : null,
      category, region, address, postalCode: regions.postalCode(region),
      shopName: `${rng.pick(['Olshop', 'Toko', 'Butik', 'Griya', 'Kedai'])} ${rng.pick(['Berkah', 'Amanah', 'Barokah', 'Jaya', 'Makmur', 'Sejahtera', 'Cantik', 'Ceria'])} ${name.split(' ')[0]}`,
      addresses: [],
    };
    rows.add('Customer', {
      name, phone, email: info.email,
      lineId: rng.chance(0.05) ? handle : null,
      otherContact: rng.chance(0.12) ? `IG @${handle.replace(/\./g, '_')}` : null,
      categoryId: category, status, address, regionId: region, postalCode: info.postalCode,
      notes: rng.chance(0.05) ? rng.pick(['Langganan sejak 2023', 'Minta nota fisik', 'Kirim sore hari saja']) : null,
      createdAt, updatedAt: createdAt + rng.int(0, 60) * DAY,
    });
    info.addresses.push({ region, address, postalCode: info.postalCode, recipient: name, phone });
    rows.add('CustomerAddress', {
      customerId: c, label: 'Rumah', recipientName: name, phone, address, regionId: region, postalCode: info.postalCode, isDefault: true, createdAt,
    });
    const extra = rng.weighted([[0, 55], [1, 35], [2, 10]]);
    for (let a = 0; a < extra; a++) {
      const r = rng.pick(regions.subdistricts);
      const label = rng.pick(['Kantor', 'Rumah Orang Tua', 'Kos', 'Toko']);
      const recipient = rng.chance(0.7) ? name : personName(rng);
      const addr = { region: r, address: streetAddress(rng), postalCode: regions.postalCode(r), recipient, phone: recipient === name ? phone : personalPhone(rng, c + 50_000 + a) };
      info.addresses.push(addr);
      rows.add('CustomerAddress', {
        customerId: c, label, recipientName: recipient, phone: addr.phone, address: addr.address, regionId: r, postalCode: addr.postalCode,
        isDefault: false, createdAt: createdAt + rng.int(1, 100) * DAY,
      });
    }
    customers.all.push(info);
    if (status === 'ACTIVE' || status === 'INACTIVE') customers.buyers.push(c);
  }
  // Orders come from active (and lapsed) customers; fall back to anyone in a tiny seed.
  if (customers.buyers.length === 0) customers.buyers.push(...customers.all.map((c) => c.idx));
  rng.shuffle(customers.buyers);
  return customers;
}
