// Who an order is for and how it travels: customer, channel, warehouses, payment
// method, courier and recipient, drawn before its items.
import type { PaymentMethod } from '../../db/generated/prisma/enums.js';
import type { Catalog } from './catalog.js';
import { mobileNumber, personalPhone, personName, streetAddress } from './contacts.js';
import { CUSTOMER_CATEGORIES, type CategorySpec } from './customer-categories.js';
import type { CustomerInfo, Customers } from './customers.js';
import { INTERNAL_KINDS, TRANSFER_KINDS, type OrderPlan } from './order-plan.js';
import type { Rng } from './random.js';
import type { RegionBook } from './regions.js';
import { pickChannel, pickPaymentMethod, pickSourceName, type Channel } from './sales-channels.js';
import type { CourierInfo, Shop, WarehouseInfo } from './shop-setup.js';
import type { StockLedger } from './stock-ledger.js';
import type { TenantRows } from './tenant-rows.js';
import { pad } from './zero-pad.js';

/** What orders are drawn from, and where their rows and stock movements go. */
export interface OrderWorld {
  rng: Rng;
  rows: TenantRows;
  regions: RegionBook;
  shop: Shop;
  catalog: Catalog;
  customers: Customers;
  ledger: StockLedger;
}

export interface Recipient {
  name: string;
  phone: string;
  address: string;
  region: number;
  postalCode: string;
}

export interface OrderDraft {
  /** Row index of the order; its code and ids follow the order date. */
  index: number;
  code: string;
  plan: OrderPlan;
  /** A transfer or a return to a supplier: no customer, no payment. */
  internal: boolean;
  transfer: boolean;
  customer: CustomerInfo | null;
  category: number | null;
  categorySpec: CategorySpec | null;
  channel: Channel;
  sourceName: string | null;
  origin: WarehouseInfo;
  destination: WarehouseInfo | null;
  method: PaymentMethod | null;
  courier: CourierInfo;
  service: string;
  isDropship: boolean;
  recipient: Recipient;
}

function pickWarehouse(rng: Rng, warehouses: readonly WarehouseInfo[], except?: WarehouseInfo): WarehouseInfo {
  return rng.weighted(warehouses.filter((w) => w !== except).map((w) => [w, w.weight] as const));
}

export function draftOrder(world: OrderWorld, index: number, plan: OrderPlan): OrderDraft {
  const { rng, regions, shop, customers } = world;
  const { kind } = plan;
  const internal = INTERNAL_KINDS.has(kind);
  const transfer = TRANSFER_KINDS.has(kind);
  const customer = internal ? null : customers.all[customers.buyers[rng.skewed(customers.buyers.length, 1.7)]];
  const category = customer?.category ?? null;
  const channel = pickChannel(rng, kind, internal);
  const sourceName = pickSourceName(rng, channel);
  const origin = pickWarehouse(rng, shop.warehouses);
  const destination = transfer ? pickWarehouse(rng, shop.warehouses, origin) : null;
  const method = internal ? null : pickPaymentMethod(rng, channel);
  const couriers = shop.couriers.filter((c) => (method === 'COD' ? c.spec.cod : internal ? ['sap', 'lion', 'jne'].includes(c.spec.code) : true));
  const courier = rng.pick(couriers);
  const service = internal ? courier.spec.services[courier.spec.services.length - 1] : rng.pick(courier.spec.services);
  const categorySpec = category === null ? null : CUSTOMER_CATEGORIES[category];
  const isDropship = !internal && (categorySpec?.dropship ? rng.chance(0.8) : rng.chance(0.03));

  // The buyer's address, another saved address, or (dropship) the end customer.
  let recipient: Recipient;
  if (internal) {
    // A transfer goes to another own warehouse; a RETURN order goes back to a supplier.
    const target = destination ?? rng.pick(shop.suppliers);
    recipient = { name: target.name, phone: mobileNumber(rng), address: target.address, region: target.region, postalCode: regions.postalCode(target.region) };
  } else if (isDropship) {
    const region = rng.pick(regions.subdistricts);
    recipient = { name: personName(rng), phone: personalPhone(rng, index + 70_000), address: streetAddress(rng), region, postalCode: regions.postalCode(region) };
  } else {
    const a = customer!.addresses.length > 1 && rng.chance(0.3) ? rng.pick(customer!.addresses) : customer!.addresses[0];
    recipient = { name: a.recipient, phone: a.phone, address: a.address, region: a.region, postalCode: a.postalCode };
  }
  return {
    index, code: `ORD-${pad(index + 1, 6)}`, plan, internal, transfer, customer, category, categorySpec, channel, sourceName,
    origin, destination, method, courier, service, isDropship, recipient,
  };
}
