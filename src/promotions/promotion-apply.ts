// Applying promotions to an order (orderCreate, orderEdit): choose the ones that apply
// and their amounts before the write, then take their uses inside the order's
// transaction, and give uses back when an order is cancelled or an edit drops them.
//
// Uses are taken with one conditional UPDATE per promotion ("usedCount" < "quota"):
// the row lock it takes makes concurrent orders wait for each other on that row and
// re-check the condition, so a quota of 5 never gives 6 uses. The per-customer count
// runs after that UPDATE, under the same row lock, so it sees every committed use.
import type { AdjustmentCategory } from '../db/generated/prisma/enums.js';
import type { Db } from '../db/client.js';
import type { Tx } from '../db/transaction.js';
import { dec, type Decimal } from '../shared/money.js';
import {
  PromotionExpiredError,
  PromotionMinimumNotReachedError,
  PromotionNotEligibleError,
  PromotionQuotaExhaustedError,
  UnknownCouponError,
} from './errors.js';
import { applicationOrder, normalizeCouponCode, promotionAmounts, refusal, type PromotionOrder, type PromotionTerms, type Refusal } from './promotion-rules.js';

type ReadDb = Db | Tx;

export interface PromotionRequest {
  tenantId: number;
  /** Coupon codes the client gives, as typed. */
  couponCodes: string[];
  /** Promotions the order holds a use of already (an edit). */
  heldPromotionIds: number[];
  /** The order being edited: its own uses do not count against the customer's limit. */
  orderId?: number;
  order: Omit<PromotionOrder, 'lines'> & { lines: Array<{ variationId: number | null; quantity: number; lineTotal: Decimal }> };
}

export interface PromotionAdjustment {
  promotionId: number;
  category: AdjustmentCategory;
  name: string;
  type: 'NOMINAL';
  value: string;
  amount: Decimal;
  /** True when the order does not hold a use of it yet. */
  isNew: boolean;
  perCustomerLimit: number | null;
}

/** The promotions that apply to the order, as NOMINAL adjustments; a coupon that does not apply is a typed error. */
export async function choosePromotions(db: ReadDb, request: PromotionRequest): Promise<PromotionAdjustment[]> {
  const { tenantId, order } = request;
  const codes = [...new Set(request.couponCodes.map(normalizeCouponCode))];
  const held = new Set(request.heldPromotionIds);
  const candidates = await db.promotion.findMany({
    where: {
      tenantId,
      OR: [
        { group: 'PROMO', isActive: true, startsAt: { lte: order.at }, AND: [{ OR: [{ endsAt: null }, { endsAt: { gte: order.at } }] }] },
        ...(codes.length ? [{ group: 'COUPON' as const, couponCode: { in: codes } }] : []),
        ...(held.size ? [{ group: 'PROMO' as const, id: { in: [...held] } }] : []),
      ],
    },
    orderBy: { id: 'asc' },
  });
  const byCode = new Map(candidates.filter((p) => p.couponCode !== null).map((p) => [p.couponCode!, p]));
  for (const code of codes) if (!byCode.has(code)) throw new UnknownCouponError(code);
  if (!candidates.length) return [];

  // Products of the lines, for promotions limited to some.
  const variationIds = [...new Set(order.lines.map((l) => l.variationId).filter((id): id is number => id !== null))];
  const productOf = new Map<number, number>();
  if (candidates.some((p) => !p.allProducts) && variationIds.length) {
    const rows = await db.variation.findMany({ where: { tenantId, id: { in: variationIds } }, select: { id: true, productId: true } });
    for (const row of rows) productOf.set(row.id, row.productId);
  }
  const facts: PromotionOrder = {
    ...order,
    lines: order.lines.map((l) => ({ productId: l.variationId === null ? null : (productOf.get(l.variationId) ?? null), quantity: l.quantity, lineTotal: l.lineTotal })),
  };

  // Uses per customer so far, for the limits (this order's own uses aside).
  const limited = candidates.filter((p) => p.perCustomerLimit !== null && !held.has(p.id));
  const usedByCustomer = new Map<number, number>();
  if (limited.length && order.customerId !== null) {
    const counts = await db.promotionUsage.groupBy({
      by: ['promotionId'],
      where: {
        tenantId,
        promotionId: { in: limited.map((p) => p.id) },
        customerId: order.customerId,
        releasedAt: null,
        ...(request.orderId ? { orderId: { not: request.orderId } } : {}),
      },
      _count: { _all: true },
    });
    for (const c of counts) usedByCustomer.set(c.promotionId, c._count._all);
  }

  const chosen: PromotionTerms[] = [];
  for (const p of candidates) {
    const isHeld = held.has(p.id);
    const isCoupon = p.group === 'COUPON';
    if (isCoupon && !codes.includes(p.couponCode!)) continue;
    let why: Refusal | null = refusal(p, facts, isHeld);
    let perCustomer = false;
    if (!why && !isHeld && p.perCustomerLimit !== null && (usedByCustomer.get(p.id) ?? 0) >= p.perCustomerLimit) {
      why = { kind: 'QUOTA', limit: p.perCustomerLimit };
      perCustomer = true;
    }
    if (!why) chosen.push(p);
    // An automatic promotion that does not match simply does not apply; a coupon the client named must.
    else if (isCoupon) throw refusalError(p, why, perCustomer);
  }
  return promotionAmounts(applicationOrder(chosen), facts)
    .filter((a) => a.promotion.group === 'COUPON' || a.amount.gt(0))
    .map(({ promotion: p, amount }) => ({
      promotionId: p.id,
      category: p.type === 'SHIPPING' ? ('SHIPPING_DISCOUNT' as const) : ('DISCOUNT' as const),
      name: p.name,
      type: 'NOMINAL' as const,
      value: amount.toFixed(2),
      amount,
      isNew: !held.has(p.id),
      perCustomerLimit: p.perCustomerLimit,
    }));
}

function refusalError(p: PromotionTerms, why: Refusal, perCustomer: boolean) {
  switch (why.kind) {
    case 'EXPIRED':
      return new PromotionExpiredError(p.couponCode ?? p.name, p.startsAt, p.endsAt, p.isActive);
    case 'QUOTA':
      return new PromotionQuotaExhaustedError(p.id, p.name, why.limit, perCustomer);
    case 'MINIMUM':
      return new PromotionMinimumNotReachedError(p.id, p.name, p.minQuantity, p.minSubtotal === null ? null : dec(p.minSubtotal).toFixed(2), why.quantity, why.subtotal.toFixed(2));
    case 'NOT_ELIGIBLE':
      return new PromotionNotEligibleError(p.id, p.name, why.reason);
  }
}

/**
 * Takes one use of each new promotion for the order, in id order (so two orders
 * lock promotion rows in the same order). Throws PromotionQuotaExhaustedError when
 * the quota or the customer's limit was reached meanwhile: the caller's transaction rolls back.
 */
export async function claimPromotions(
  tx: Tx,
  tenantId: number,
  orderId: number,
  customerId: number | null,
  applied: PromotionAdjustment[],
): Promise<void> {
  for (const a of [...applied].filter((x) => x.isNew).sort((x, y) => x.promotionId - y.promotionId)) {
    const rows = await tx.$queryRaw<Array<{ usedCount: number; quota: number | null }>>`
      UPDATE "Promotion" SET "usedCount" = "usedCount" + 1, "updatedAt" = now()
      WHERE "id" = ${a.promotionId} AND "tenantId" = ${tenantId} AND ("quota" IS NULL OR "usedCount" < "quota")
      RETURNING "usedCount", "quota"`;
    if (!rows.length) {
      const p = await tx.promotion.findUniqueOrThrow({ where: { id: a.promotionId }, select: { quota: true } });
      throw new PromotionQuotaExhaustedError(a.promotionId, a.name, p.quota ?? 0, false);
    }
    if (a.perCustomerLimit !== null && customerId !== null) {
      const used = await tx.promotionUsage.count({ where: { promotionId: a.promotionId, customerId, releasedAt: null, orderId: { not: orderId } } });
      if (used >= a.perCustomerLimit) throw new PromotionQuotaExhaustedError(a.promotionId, a.name, a.perCustomerLimit, true);
    }
    await tx.promotionUsage.create({ data: { tenantId, promotionId: a.promotionId, orderId, customerId } });
  }
}

/** Gives back the order's uses of promotions other than `keep` (all of them when cancelled). */
export async function releasePromotions(tx: Tx, tenantId: number, orderId: number, keep: ReadonlySet<number> = new Set()): Promise<number[]> {
  const open = await tx.promotionUsage.findMany({ where: { tenantId, orderId, releasedAt: null }, select: { id: true, promotionId: true }, orderBy: { promotionId: 'asc' } });
  const released = open.filter((u) => !keep.has(u.promotionId));
  if (!released.length) return [];
  await tx.promotionUsage.updateMany({ where: { id: { in: released.map((u) => u.id) } }, data: { releasedAt: new Date() } });
  for (const u of released) {
    await tx.$executeRaw`UPDATE "Promotion" SET "usedCount" = "usedCount" - 1, "updatedAt" = now() WHERE "id" = ${u.promotionId} AND "usedCount" > 0`;
  }
  return released.map((u) => u.promotionId);
}
