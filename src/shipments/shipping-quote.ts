// Shipping quotes: what each active service charges to carry a weight from one
// region to another, from the rate tables (seed 002 "expedition cost"). A rate set
// for a region also serves every region under it; the most specific rate on both
// ends wins. Custom couriers with a flat fee quote that fee for any route.
import type { Db } from '../db/client.js';
import type { CourierServiceType } from '../db/generated/prisma/enums.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal, type DecimalLike } from '../shared/money.js';

export interface QuoteOption {
  courierId: number;
  courierCode: string;
  courierName: string;
  /** Null for a custom courier's flat fee. */
  serviceId: number | null;
  serviceCode: string | null;
  serviceName: string | null;
  type: CourierServiceType | null;
  price: Decimal;
  minDays: number | null;
  maxDays: number | null;
  cod: boolean;
  /** Weight the price is for: whole steps of the rate (the weight itself for a flat fee). */
  chargedGrams: number;
}

export interface QuoteRequest {
  originRegionId: number;
  destinationRegionId: number;
  weightGrams: number;
  /** Only services that collect cash on delivery. */
  cod?: boolean | null;
}

/** The price of `weightGrams` at a rate: the first step, then each further step begun. Pure. */
export function ratePrice(rate: { stepGrams: number; firstStepPrice: DecimalLike; nextStepPrice: DecimalLike }, weightGrams: number): { price: Decimal; chargedGrams: number } {
  const steps = Math.max(1, Math.ceil(weightGrams / rate.stepGrams));
  return { price: dec(rate.firstStepPrice).plus(dec(rate.nextStepPrice).times(steps - 1)), chargedGrams: steps * rate.stepGrams };
}

/** Each region and its ancestors with their distance (0: the region itself); NotFound for a region of no one's. */
async function regionChains(db: Db, tenantId: number, ids: readonly number[]): Promise<Map<number, Map<number, number>>> {
  const rows = await db.$queryRaw<Array<{ start: number; id: number; depth: number }>>(Prisma.sql`
    WITH RECURSIVE chain AS (
      SELECT r."id" AS "start", r."id", r."parentId", 0 AS "depth" FROM "Region" r WHERE r."tenantId" = ${tenantId}::int AND r."id" = ANY(${[...ids]}::int[])
      UNION ALL
      SELECT c."start", p."id", p."parentId", c."depth" + 1 FROM chain c JOIN "Region" p ON p."id" = c."parentId" WHERE c."depth" < 10
    )
    SELECT "start", "id", "depth" FROM chain`);
  const chains = new Map<number, Map<number, number>>();
  for (const row of rows) {
    const chain = chains.get(row.start) ?? new Map<number, number>();
    chain.set(row.id, row.depth);
    chains.set(row.start, chain);
  }
  for (const id of ids) if (!chains.has(id)) throw new NotFoundError('Region', String(id));
  return chains;
}

/**
 * The options for a route and weight, cheapest first (then fastest, then by courier).
 * `only` narrows them to one service or one custom courier (orderCreate's choice).
 */
export async function shippingQuote(db: Db, tenantId: number, request: QuoteRequest, only?: { serviceId?: number; courierId?: number }): Promise<QuoteOption[]> {
  const chains = await regionChains(db, tenantId, [request.originRegionId, request.destinationRegionId]);
  const from = chains.get(request.originRegionId)!;
  const to = chains.get(request.destinationRegionId)!;
  const cod = request.cod ? { supportsCod: true } : {};
  const options: QuoteOption[] = [];
  if (only?.courierId === undefined) {
    const rates = await db.shippingRate.findMany({
      where: {
        tenantId,
        originRegionId: { in: [...from.keys()] },
        destinationRegionId: { in: [...to.keys()] },
        service: { isActive: true, ...cod, ...(only?.serviceId !== undefined ? { id: only.serviceId } : {}), courier: { isActive: true, ...cod } },
      },
      select: {
        originRegionId: true,
        destinationRegionId: true,
        stepGrams: true,
        firstStepPrice: true,
        nextStepPrice: true,
        minDays: true,
        maxDays: true,
        service: { select: { id: true, code: true, name: true, type: true, supportsCod: true, courier: { select: { id: true, code: true, name: true } } } },
      },
    });
    // The most specific rate of each service: nearest on both ends, the origin's nearness first.
    const best = new Map<number, (typeof rates)[number]>();
    const distance = (rate: (typeof rates)[number]) => [from.get(rate.originRegionId)! + to.get(rate.destinationRegionId)!, from.get(rate.originRegionId)!];
    for (const rate of rates) {
      const held = best.get(rate.service.id);
      if (!held) best.set(rate.service.id, rate);
      else {
        const [a, b] = [distance(rate), distance(held)];
        if (a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!)) best.set(rate.service.id, rate);
      }
    }
    for (const rate of best.values()) {
      const { price, chargedGrams } = ratePrice(rate, request.weightGrams);
      const { service } = rate;
      options.push({
        courierId: service.courier.id,
        courierCode: service.courier.code,
        courierName: service.courier.name,
        serviceId: service.id,
        serviceCode: service.code,
        serviceName: service.name,
        type: service.type,
        price,
        minDays: rate.minDays,
        maxDays: rate.maxDays,
        cod: service.supportsCod,
        chargedGrams,
      });
    }
  }
  if (only?.serviceId === undefined) {
    const custom = await db.courier.findMany({
      where: { tenantId, isActive: true, flatFee: { not: null }, ...cod, ...(only?.courierId !== undefined ? { id: only.courierId } : {}) },
      select: { id: true, code: true, name: true, flatFee: true, supportsCod: true },
    });
    for (const courier of custom) {
      options.push({
        courierId: courier.id,
        courierCode: courier.code,
        courierName: courier.name,
        serviceId: null,
        serviceCode: null,
        serviceName: null,
        type: null,
        price: dec(courier.flatFee!),
        minDays: null,
        maxDays: null,
        cod: courier.supportsCod,
        chargedGrams: request.weightGrams,
      });
    }
  }
  return options.sort(
    (a, b) => a.price.comparedTo(b.price) || (a.minDays ?? Infinity) - (b.minDays ?? Infinity) || a.courierName.localeCompare(b.courierName) || (a.serviceCode ?? '').localeCompare(b.serviceCode ?? ''),
  );
}
