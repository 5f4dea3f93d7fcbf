// The people on an order as given at order time: the buyer (or, on internal
// orders, the origin warehouse), the recipient, and the dropshipper it ships for.
import type { PartyRole } from '../../db/generated/prisma/enums.js';
import type { OrderDraft, OrderWorld } from './order-draft.js';
import type { RegionBook } from './regions.js';
import type { Row } from './tables.js';

interface PartyContact {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** A subdistrict, whose names fill province to sub-district. */
  region: number | null;
  postalCode: string | null;
}

function party(regions: RegionBook, order: number, role: PartyRole, customer: number | null, who: PartyContact): Row {
  const names = who.region === null ? null : regions.names(who.region);
  return {
    orderId: order, role, customerId: customer, name: who.name, phone: who.phone, email: who.email, address: who.address,
    regionId: who.region, province: names?.province ?? null, city: names?.city ?? null, district: names?.district ?? null,
    subDistrict: names?.subDistrict ?? null, postalCode: who.postalCode, country: names ? 'ID' : null, latitude: null, longitude: null,
    remarks: null,
  };
}

export function addOrderParties({ rng, rows, regions }: OrderWorld, draft: OrderDraft): void {
  const { customer, origin, recipient, internal, isDropship, index } = draft;
  rows.add('OrderParty', party(regions, index, 'BUYER', customer ? customer.idx : null,
    customer
      ? { name: customer.name, phone: customer.phone, email: customer.email, address: customer.address, region: customer.region, postalCode: customer.postalCode }
      : { name: origin.name, phone: null, email: null, address: origin.address, region: origin.region, postalCode: regions.postalCode(origin.region) }));
  const recipientParty = party(regions, index, 'RECIPIENT', !internal && !isDropship ? customer!.idx : null, { ...recipient, email: null });
  if (rng.chance(0.4)) {
    const r = regions.coordinates(recipient.region);
    recipientParty.latitude = r.lat + (rng.next() - 0.5) * 0.08;
    recipientParty.longitude = r.lng + (rng.next() - 0.5) * 0.08;
  }
  if (rng.chance(0.08)) recipientParty.remarks = rng.pick(['Rumah pagar hitam', 'Titip satpam', 'Depan masjid', 'Sebelah warung kopi']);
  rows.add('OrderParty', recipientParty);
  if (isDropship) {
    rows.add('OrderParty', party(regions, index, 'DROPSHIPPER', customer!.idx,
      { name: customer!.shopName, phone: customer!.phone, email: null, address: null, region: null, postalCode: null }));
  }
}
