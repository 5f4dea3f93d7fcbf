// Writes the shop's reference rows (couriers, bank accounts, order sources and
// reasons, customer categories, suppliers, warehouses) and keeps what orders need.
import { mobileNumber, STREETS } from './contacts.js';
import { COURIERS, type CourierSpec } from './courier-specs.js';
import { CUSTOMER_CATEGORIES } from './customer-categories.js';
import type { Rng } from './random.js';
import type { RegionBook } from './regions.js';
import { SETUP_TIME } from './seed-time.js';
import { BANKS, ORDER_REASONS, ORDER_SOURCES, PROMOTIONS, SALES_REP_TEAM, SALES_REPS, SALES_TEAMS, SUPPLIERS, VISIT_STATUSES, WAREHOUSES } from './shop-reference.js';
import type { TenantRows } from './tenant-rows.js';

export interface CourierInfo {
  idx: number;
  spec: CourierSpec;
}

export interface WarehouseInfo {
  idx: number;
  code: string;
  name: string;
  region: number;
  address: string;
  hub: string;
  /** Share of orders sent from here. */
  weight: number;
  /** Who signs the warehouse's work in events and the stock ledger, e.g. "gudang.jkt". */
  actor: string;
}

export interface SupplierInfo {
  name: string;
  address: string;
  region: number;
}

export interface Shop {
  couriers: CourierInfo[];
  sourceByName: Map<string, number>;
  bankAccountCount: number;
  suppliers: SupplierInfo[];
  /** Row index = position in this list. */
  warehouses: WarehouseInfo[];
  /** Sales reps by name, with their team's row index. */
  salesReps: Map<string, { idx: number; team: number }>;
  /** Row indexes of the visit statuses, in VISIT_STATUSES order. */
  visitStatuses: number[];
}

export function addShopSetup(rng: Rng, rows: TenantRows, regions: RegionBook, tenantName: string, orderCount: number): Shop {
  const at = SETUP_TIME;
  const shop: Shop = { couriers: [], sourceByName: new Map(), bankAccountCount: BANKS.length, suppliers: [], warehouses: [], salesReps: new Map(), visitStatuses: [] };
  for (const spec of COURIERS) {
    const idx = rows.add('Courier', { code: spec.code, name: spec.name, supportsCod: spec.cod, isActive: true, createdAt: at });
    shop.couriers.push({ idx, spec });
    addCourierServices(rows, regions, idx, spec, at);
  }
  for (const [bank, branch] of BANKS) {
    rows.add('BankAccount', { bankName: bank, accountName: tenantName, accountNumber: `${branch}${rng.digits(bank === 'Mandiri' ? 9 : 6)}`, isActive: true, createdAt: at });
  }
  for (const name of ORDER_SOURCES) {
    shop.sourceByName.set(name, rows.add('OrderSource', { name, isActive: name !== 'Facebook', createdAt: at }));
  }
  // How orders reach buyers (seed 000 delivery types); written without the PRNG.
  for (const [code, name, needsCourier] of DELIVERY_TYPES) rows.add('DeliveryType', { code, name, needsCourier, isActive: true, createdAt: at });
  for (const [kind, code, label] of ORDER_REASONS) rows.add('OrderReason', { kind, code, label, isActive: true });
  // The sales force, written without drawing from the PRNG so the rest of the data stays as it was.
  const teams = SALES_TEAMS.map((name) => rows.add('SalesTeam', { name, isActive: true, createdAt: at }));
  SALES_REPS.forEach((name, i) => {
    const team = teams[SALES_REP_TEAM[i]!]!;
    const email = `${name.toLowerCase().replace(/ /g, '.')}@sales.example.id`;
    const idx = rows.add('SalesRep', { name, phone: `0813${String(21_000_000 + i * 1_234_567)}`, email, teamId: team, isActive: true, createdAt: at });
    shop.salesReps.set(name, { idx, team });
  });
  VISIT_STATUSES.forEach(([name, type], position) => shop.visitStatuses.push(rows.add('VisitStatus', { name, type, position, isActive: true })));
  for (const c of CUSTOMER_CATEGORIES) {
    rows.add('CustomerCategory', {
      code: c.code, name: c.name, isActive: c.isActive, discountAccess: c.discountAccess, wholesaleAccess: c.wholesaleAccess, createdAt: at,
    });
  }
  // Seed 002's promo examples. The automatic one is switched off, so orders taken in the demo get no discount unasked.
  for (const p of PROMOTIONS) rows.add('Promotion', { ...p, startsAt: at, createdAt: at, updatedAt: at });
  for (const name of SUPPLIERS) {
    const region = rng.pick(regions.subdistricts);
    const address = `${rng.pick(['Jl.', 'Jl. Raya'])} ${rng.pick(STREETS)} No. ${rng.int(1, 200)}`;
    shop.suppliers.push({ name, address, region });
    rows.add('Supplier', {
      name,
      phone: `021${rng.digits(8)}`,
      email: `sales@${name.toLowerCase().replace(/^(cv|pt|ud) /, '').replace(/[^a-z]+/g, '')}.co.id`,
      address,
      regionId: region,
      postalCode: regions.postalCode(region),
      notes: rng.chance(0.3) ? 'Tempo pembayaran 30 hari' : null,
      createdAt: at,
      updatedAt: at,
    });
  }
  const warehouseCount = orderCount < 500 ? 3 : orderCount < 5_000 ? 4 : 5;
  for (const w of WAREHOUSES.slice(0, warehouseCount)) {
    const region = regions.indexOf(w.region);
    const idx = rows.add('Warehouse', {
      code: w.code, name: w.name, phone: mobileNumber(rng), address: w.street, regionId: region,
      postalCode: regions.postalCode(region), isActive: true, createdAt: at, updatedAt: at,
    });
    shop.warehouses.push({
      idx, code: w.code, name: w.name, region, address: w.street, hub: w.hub, weight: w.weight, actor: `gudang.${w.code.slice(4).toLowerCase()}`,
    });
  }
  return shop;
}

const DELIVERY_TYPES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['REGULAR', 'Reguler (kurir)', true],
  ['SELF_DELIVERY', 'Diantar sendiri', false],
  ['PICKUP', 'Ambil di toko', false],
];

const EXPRESS_SERVICES = new Set(['YES', 'BEST', 'GOKIL', 'ND', 'ODS', 'Pos Nextday', 'JAGOPACK']);
const TRUCKING_SERVICES = new Set(['JTR', 'Cargo', 'BIGPACK']);
/** Couriers whose services get a rate table between every two provinces (the rest are priced by hand). */
const RATED_COURIERS = new Set(['jne', 'jnt', 'sicepat']);

/**
 * A courier's services, and for the rated couriers a rate per province pair: 9,000 within a
 * province, 12,000 plus 2,000 per province of distance in the list otherwise, per kilogram;
 * express twice that and faster, trucking per 10 kg. Drawn without the PRNG, so the rest of
 * the data stays as it was.
 */
function addCourierServices(rows: TenantRows, regions: RegionBook, courierId: number, spec: CourierSpec, at: number) {
  for (const code of spec.services) {
    const type = EXPRESS_SERVICES.has(code) ? 'EXPRESS' : TRUCKING_SERVICES.has(code) ? 'TRUCKING' : 'REGULAR';
    const serviceId = rows.add('CourierService', {
      courierId, code: code.toUpperCase(), name: code, type, supportsCod: spec.cod && type === 'REGULAR', isActive: true, createdAt: at,
    });
    if (!RATED_COURIERS.has(spec.code)) continue;
    regions.provinces.forEach((origin, i) => {
      regions.provinces.forEach((destination, j) => {
        const base = i === j ? 9_000 : 12_000 + 2_000 * Math.abs(i - j);
        const price = type === 'EXPRESS' ? base * 2 : type === 'TRUCKING' ? base * 6 : base;
        const minDays = type === 'EXPRESS' ? 1 : i === j ? 1 : 2;
        const maxDays = type === 'EXPRESS' ? (i === j ? 1 : 2) : minDays + 2;
        rows.add('ShippingRate', {
          serviceId, originRegionId: origin, destinationRegionId: destination, stepGrams: type === 'TRUCKING' ? 10_000 : 1_000,
          firstStepPrice: price * 100, nextStepPrice: price * 100, minDays, maxDays, createdAt: at, updatedAt: at,
        });
      });
    });
  }
}
