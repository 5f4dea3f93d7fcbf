// The shipping an order is taken with (seed 002 `expedition`, `awb_number`): a
// courier service, or a custom courier's flat fee, priced by the quote from the
// origin warehouse's region to the recipient's unless the client names a price,
// and an air waybill when one is already booked. The price becomes the order's
// SHIPPING adjustment; the choice is kept on the order for the ship step.
import type { Db } from '../db/client.js';
import type { PaymentMethod } from '../db/generated/prisma/enums.js';
import { shippingQuote } from '../shipments/shipping-quote.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, type Problems } from '../shared/validation.js';

export interface ShippingData {
  serviceId?: number | null;
  /** A custom courier priced by its flat fee (instead of a service). */
  courierId?: number | null;
  /** The price agreed; without it the quote prices the route. */
  price?: Decimal | null;
  trackingNumber?: string | null;
}

export interface ShippingChoice {
  courierId: number;
  courierServiceId: number | null;
  trackingNumber: string | null;
  price: Decimal;
  /** The adjustment's name, e.g. "JNE REG". */
  name: string;
}

export interface ShippingContext {
  paymentMethod: PaymentMethod | null | undefined;
  originWarehouseId: number | null | undefined;
  /** The recipient's region, else the buyer's (as given on the order). */
  partyRegionId: number | null | undefined;
  customerId: number | null | undefined;
  weightGrams: number;
}

const PATH = ['shipping'];
export const TRACKING_NUMBER_MAX = 60;

/** The shipping chosen, checked and priced; null when the input had problems (added to `problems`). */
export async function chooseShipping(db: Db, tenantId: number, problems: Problems, data: ShippingData, context: ShippingContext): Promise<ShippingChoice | null> {
  const trackingNumber = checkText(problems, [...PATH, 'trackingNumber'], data.trackingNumber, { max: TRACKING_NUMBER_MAX }) || null;
  if ((data.serviceId == null) === (data.courierId == null)) {
    problems.add(PATH, 'name either a courier service or a custom courier');
    return null;
  }
  const price = data.price != null ? dec(data.price) : null;
  if (price && !problems.check(price.gte(0) && price.decimalPlaces() <= 2, [...PATH, 'price'], 'must be zero or more, with at most two decimals')) return null;
  const cod = context.paymentMethod === 'COD';

  // What was chosen, whatever the route: it must be the tenant's, active, and collect cash for a COD order.
  const chosen = data.serviceId != null
    ? await db.courierService.findFirst({
        where: { id: data.serviceId, tenantId },
        select: { id: true, code: true, isActive: true, supportsCod: true, courier: { select: { id: true, name: true, isActive: true, supportsCod: true, flatFee: true } } },
      })
    : null;
  const custom = data.courierId != null
    ? await db.courier.findFirst({ where: { id: data.courierId, tenantId }, select: { id: true, name: true, isActive: true, supportsCod: true, flatFee: true } })
    : null;
  const field = data.serviceId != null ? 'service' : 'courier';
  const courier = chosen?.courier ?? custom;
  if (!courier) {
    problems.add([...PATH, field], `no such ${data.serviceId != null ? 'courier service' : 'courier'}`);
    return null;
  }
  if (chosen && !chosen.isActive) problems.add([...PATH, field], `service ${courier.name} ${chosen.code} is inactive`);
  if (!courier.isActive) problems.add([...PATH, field], `courier ${courier.name} is inactive`);
  if (cod && !(chosen ? chosen.supportsCod && courier.supportsCod : courier.supportsCod)) {
    problems.add([...PATH, field], `${chosen ? `service ${courier.name} ${chosen.code}` : `courier ${courier.name}`} does not collect cash on delivery`);
  }
  if (custom && custom.flatFee === null && price === null) problems.add([...PATH, 'courier'], `courier ${courier.name} has no flat fee; name a service or a price`);
  if (!problems.isEmpty) return null;
  const name = chosen ? `${courier.name} ${chosen.code}` : courier.name;
  const choice = { courierId: courier.id, courierServiceId: chosen?.id ?? null, trackingNumber, name };
  if (price) return { ...choice, price };
  if (custom) return { ...choice, price: dec(custom.flatFee!) };

  // The quote: from the origin warehouse's region to the recipient's (or buyer's, or customer's).
  const warehouse = context.originWarehouseId
    ? await db.warehouse.findFirst({ where: { id: context.originWarehouseId, tenantId }, select: { regionId: true } })
    : null;
  const destination = context.partyRegionId
    ?? (context.customerId ? (await db.customer.findFirst({ where: { id: context.customerId, tenantId }, select: { regionId: true } }))?.regionId : null);
  if (!warehouse?.regionId) problems.add([...PATH, 'price'], 'is required: the order has no origin warehouse with a region to quote from');
  if (!destination) problems.add([...PATH, 'price'], "is required: the order's recipient, buyer or customer has no region to quote to");
  if (!problems.isEmpty) return null;
  const [option] = await shippingQuote(db, tenantId, { originRegionId: warehouse!.regionId!, destinationRegionId: destination!, weightGrams: Math.max(1, context.weightGrams), cod }, { serviceId: chosen!.id });
  if (!option) {
    problems.add([...PATH, 'service'], `service ${name} has no rate for this route; set one (shippingRateSet) or name a price`);
    return null;
  }
  return { ...choice, price: option.price };
}
