// orderCreate: validates everything, prices the lines from the catalog, computes
// the totals (order-pricing.ts), then writes the order, its lines, parties and
// adjustments and the 'create' event in one transaction.
//
// Races: the insert runs under a per-tenant transaction-level advisory lock (taken
// first when checks must read under it, else by the insert's numbered code), so
// order codes are consecutive per tenant and an idempotency key or an external
// reference is re-checked by whoever gets the lock next. The unique indexes
// (tenantId, code / idempotencyKey / channel + externalRef) back that up: a
// P2002 is re-read and answered like the pre-check would have.
//
// The idempotency key argument is a key of the tenant's one store of idempotency
// keys (src/db/idempotency-store.ts), shared with the Idempotency-Key header and
// extensions.idempotencyKey: it is claimed there with the hash of the order input
// (`orderCreate:<hash>`), so the same key sent as a request key for another request
// is a conflict either way. The order row keeps the key and hash too: the pre-check
// answers a replay from it, whatever selection set asks, and its unique index is the
// backstop against two orders with one key.
import { createHash } from 'node:crypto';
import { oneStatement, transaction, type TransactionDeps, type TransactionScope } from '../db/transaction.js';
import { dec, Decimal } from '../shared/money.js';
import { ValidationError } from '../shared/errors.js';
import { assertChannelAllowed, withoutKeyScope } from '../auth/key-scope.js';
import type { KeyScope } from '../auth/viewer.js';
import { checkText, Problems } from '../shared/validation.js';
import { newOrderEvent } from './order-event-log.js';
import { chooseShipping } from './order-shipping.js';
import { freeTransferCode, lockOrderInserts } from './order-transfer-code.js';
import { recordPaymentInScope } from '../payments/payment-service.js';
import { checkTagCount, checkTags, CONTRACT_REFERENCE_MAX } from './order-tags.js';
import { DuplicateOrderError, IdempotencyConflictError, IdempotencyKeyBusyError, IdempotencyKeyTakenError } from './errors.js';
import type { IdempotencyStore } from '../db/idempotency-store.js';
import { priceOrder, totalColumns, type AdjustmentLineInput } from './order-pricing.js';
import { isPayableKind, isTransferKind } from './order-kinds.js';
import { checkCouponCodes, priceWithPromotions } from './order-promotions.js';
import { claimPromotions } from '../promotions/promotion-apply.js';
import {
  checkAdjustment,
  checkItem,
  checkParty,
  checkReferences,
  checkAvailability,
  checkSellable,
  clean,
  DEFAULT_ADJUSTMENT_NAMES,
  lineWeight,
  priceLines,
  loadVariationsAndPrices,
  catalogFrom,
  referencesFrom,
  availabilityProblems,
  PARTY_ROLES,
  partyColumns,
  type CustomerRow,
  type OrderCreateData,
  type PartyData,
} from './order-create-lines.js';
import { isUniqueViolation } from '../db/faults.js';
import { insertOrder } from './order-insert.js';
import { readForCreate } from './order-create-reads.js';

export interface OrderWriteDeps extends TransactionDeps {
  tenantId: number;
  requestId?: string;
  viewer: { actor: string; scope?: KeyScope };
  /** The store of idempotency keys; without it the argument key is checked against the orders only. */
  services?: { idempotency?: IdempotencyStore };
}

export interface OrderCreateResult {
  orderId: number;
  /** True when an earlier request with the same idempotency key created the order. */
  replayed: boolean;
}

const CHANNEL = /^[a-z0-9][a-z0-9_.-]{0,39}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,59}$/;

/** A stable hash of the input, keys sorted, decimals and dates as text: what "the same input" means. */
export function inputHash(data: OrderCreateData): string {
  const { idempotencyKey: _key, ...rest } = data;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Decimal) return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The request hash an argument key is stored with: the order input's, never equal to a request's (a hex digest). */
export const ORDER_KEY_HASH_PREFIX = 'orderCreate:';

/** The argument key this call claimed in the store, finished or given up by createOrder. */
interface HeldKey {
  store?: IdempotencyStore;
  key?: string;
}

/** `ORD-YYYYMMDD-` of the day (UTC) the order is created. */
export function codePrefix(at: Date): string {
  return `ORD-${at.toISOString().slice(0, 10).replaceAll('-', '')}-`;
}

export async function createOrder(deps: OrderWriteDeps, data: OrderCreateData): Promise<OrderCreateResult> {
  const held: HeldKey = {};
  let result: OrderCreateResult;
  try {
    result = await createOrderOnce(deps, data, held);
  } catch (error) {
    // Nothing was written: the key is free again (a failed give-up lapses with the claim).
    if (held.store && held.key) await held.store.release(deps.prisma, deps.tenantId, held.key).catch(() => undefined);
    throw error;
  }
  // A failed record is harmless: the order row answers retries, and the claim lapses.
  if (held.store && held.key) await held.store.finish(deps.prisma, deps.tenantId, held.key, { orderId: result.orderId }).catch(() => undefined);
  return result;
}

/**
 * The argument key in the store: claimed (held until createOrder ends), or the answer
 * of an earlier call with it. The order row was looked at first (findReplay).
 */
async function claimArgumentKey(deps: OrderWriteDeps, held: HeldKey, key: string, hash: string): Promise<OrderCreateResult | undefined> {
  const store = deps.services?.idempotency;
  if (!store) return undefined;
  const begun = await store.begin(deps.prisma, deps.tenantId, key, ORDER_KEY_HASH_PREFIX + hash);
  switch (begun.outcome) {
    case 'claimed':
      held.store = store;
      held.key = key;
      return undefined;
    case 'replay':
      return { orderId: (begun.response as { orderId: number }).orderId, replayed: true };
    case 'conflict': {
      // An order with another input may have been created with the key meanwhile: its typed conflict.
      const replay = await findReplay(deps.prisma, deps.tenantId, key, hash);
      if (replay) return replay;
      throw new IdempotencyKeyTakenError(key);
    }
    case 'in-progress':
      throw new IdempotencyKeyBusyError(key);
  }
}

async function createOrderOnce(deps: OrderWriteDeps, data: OrderCreateData, held: HeldKey): Promise<OrderCreateResult> {
  const { tenantId } = deps;
  const db = deps.prisma;
  const problems = new Problems();

  // 1. The input's own shape.
  const idempotencyKey = checkText(problems, ['idempotencyKey'], data.idempotencyKey, { max: 200 }) || null;
  const code = clean(checkText(problems, ['code'], data.code, { max: 60 }));
  if (code && !CODE.test(code)) problems.add(['code'], 'may hold letters, digits, "_", ".", "/" and "-" only');
  // A key bound to a channel creates on it (its channel is the default) and on no other.
  const channel = (clean(data.channel) ?? deps.viewer.scope?.channel ?? 'offline').toLowerCase();
  problems.check(CHANNEL.test(channel), ['channel'], 'must be a lower-case code such as "offline" or "shopee"');
  if (CHANNEL.test(channel)) assertChannelAllowed(deps.viewer, channel);
  const externalRef = clean(checkText(problems, ['externalRef'], data.externalRef, { max: 100 }));
  checkText(problems, ['externalStatus'], data.externalStatus, { max: 100 });
  checkText(problems, ['salesRep'], data.salesRep, { max: 200 });
  checkText(problems, ['notes'], data.notes, { max: 5000 });
  checkText(problems, ['internalNotes'], data.internalNotes, { max: 5000 });
  const tags = checkTags(problems, ['tags'], data.tags);
  checkTagCount(problems, ['tags'], tags);
  const contractReference = clean(checkText(problems, ['contractReference'], data.contractReference, { max: CONTRACT_REFERENCE_MAX }));
  if (data.orderedAt && data.orderedAt.getTime() > Date.now() + 24 * 3600_000) problems.add(['orderedAt'], 'must not be in the future');
  problems.check(data.items.length >= 1 && data.items.length <= 500, ['items'], 'must hold 1 to 500 lines');
  data.items.forEach((item, index) => checkItem(problems, ['items', index], item));
  for (const [field] of PARTY_ROLES) {
    const party = data[field];
    if (party) checkParty(problems, [field], party);
  }
  const adjustments = [...(data.adjustments ?? [])];
  adjustments.forEach((a, index) => checkAdjustment(problems, ['adjustments', index], a));
  if (data.discount) checkText(problems, ['discount', 'value'], data.discount.value, { required: true, max: 60 });
  const kind = data.kind ?? 'SALE';
  checkCouponCodes(problems, ['couponCodes'], data.couponCodes);
  if (data.couponCodes?.length && !isPayableKind(kind)) problems.add(['couponCodes'], `a ${kind} order is valued at cost and takes no coupon`);
  if (isTransferKind(kind)) {
    // A transfer ships from its origin and is received at its destination: without both, units would leave and arrive nowhere.
    if (!data.originWarehouseId) problems.add(['originWarehouse'], `is required for a ${kind} order (where the units leave)`);
    if (!data.destinationWarehouseId) problems.add(['destinationWarehouse'], `is required for a ${kind} order (where the units are received)`);
    else if (data.destinationWarehouseId === data.originWarehouseId) problems.add(['destinationWarehouse'], 'must differ from the origin warehouse');
  }
  problems.throwIfAny();

  // 2. Replays and duplicates answer before any catalog work.
  // Only a keyed create needs it (about a tenth of a millisecond: the input's canonical text and its SHA-256).
  const hash = idempotencyKey ? inputHash(data) : '';
  if (idempotencyKey) {
    const replay = (await findReplay(db, tenantId, idempotencyKey, hash)) ?? (await claimArgumentKey(deps, held, idempotencyKey, hash));
    if (replay) return replay;
  }
  if (externalRef) await assertNoDuplicate(db, tenantId, channel, externalRef);

  // A channel key names only customers it already serves: an order would otherwise open another customer's contact data to it.
  if (deps.viewer.scope?.channel !== undefined) await assertCustomersOfChannel(db, deps.viewer.scope.channel, data);

  // 3. Everything the ids point at belongs to this tenant (NotFound otherwise).
  // The order's customer and its category for pricing come with the other customers' rows (one read).
  const parties = PARTY_ROLES.flatMap(([field, role]) => (data[field] ? [{ field, role, party: data[field]! }] : []));
  const refs = {
    pricingCustomerId: data.customerId ?? null,
    warehouseIds: [data.originWarehouseId, data.destinationWarehouseId].filter((id): id is number => !!id),
    sourceId: data.sourceId,
    regionIds: parties.map((p) => p.party.regionId).filter((id): id is number => !!id),
    customerIds: parties.map((p) => p.party.customerId).filter((id): id is number => !!id),
  };
  const checksStock = !data.backorder && !data.isDraft;
  const variationIds = data.items.map((i) => i.variationId);
  // Without a key scope to apply, every read below comes from one statement (order-create-reads.ts).
  const read = deps.viewer.scope
    ? null
    : await readForCreate(db, tenantId, { ...refs, variationIds, stockVariationIds: checksStock ? variationIds : [], originWarehouseId: data.originWarehouseId ?? null });
  const { customers, pricing, sourceInactive } = read ? referencesFrom(refs, read.references) : await checkReferences(db, tenantId, refs);
  if (sourceInactive) problems.add(['source'], 'is inactive; choose an active order source');
  // Only customers in good standing order (seed 002 activation status).
  const orderCustomer = pricing.customerId ? customers.get(pricing.customerId) : undefined;
  if (orderCustomer && orderCustomer.status !== 'ACTIVE') {
    problems.add(['customer'], `customer ${orderCustomer.name} is ${orderCustomer.status.toLowerCase()} and cannot order`);
  }
  const salesRep = data.salesRepId
    ? await db.salesRep.findFirst({ where: { id: data.salesRepId, tenantId }, select: { id: true, name: true, teamId: true, isActive: true } })
    : null;
  if (data.salesRepId && !salesRep) problems.add(['salesRepresentative'], 'no such sales rep');
  else if (salesRep && !salesRep.isActive) problems.add(['salesRepresentative'], `sales rep ${salesRep.name} is inactive`);
  // The lines' variations with their prices for the customer's category, in one read.
  const { variations, prices: priceRows } = read
    ? catalogFrom(variationIds, read.variations, true)
    : await loadVariationsAndPrices(db, tenantId, variationIds, pricing.category?.id ?? null);
  const prices = await priceLines(
    db,
    tenantId,
    pricing,
    data.items.map((i) => ({ variationId: i.variationId, quantity: i.quantity, override: i.unitPrice })),
    { atCost: !isPayableKind(kind), prices: priceRows },
  );

  // 4. Catalog rules and prices.
  const currencies = new Set<string>();
  const lines = data.items.map((item, index) => {
    const variation = variations.get(item.variationId)!;
    checkSellable(problems, ['items', index, 'variation'], variation);
    currencies.add(variation.currency);
    return { item, variation, ...prices[index]! };
  });
  if (currencies.size > 1) problems.add(['items'], `all lines must share one currency; got ${[...currencies].join(', ')}`);
  // Refused now rather than at processing: a draft or a backorder is the client's explicit choice to wait for stock.
  if (checksStock) {
    const wanted = lines.map((l, index) => ({ path: ['items', index], variation: l.variation, quantity: l.item.quantity }));
    if (read) availabilityProblems(problems, wanted, read.stock, data.originWarehouseId);
    else await checkAvailability(db, problems, tenantId, wanted, data.originWarehouseId);
  }
  if (data.deliveryTypeId != null) {
    const deliveryType = await db.deliveryType.findFirst({ where: { id: data.deliveryTypeId, tenantId }, select: { name: true, isActive: true } });
    if (!deliveryType) problems.add(['deliveryType'], 'no such delivery type');
    else if (!deliveryType.isActive) problems.add(['deliveryType'], `delivery type ${deliveryType.name} is inactive`);
  }
  const weightGrams = lines.reduce((s, l) => s + lineWeight(l.variation, l.item.quantity), 0);
  const shipping = data.shipping
    ? await chooseShipping(db, tenantId, problems, data.shipping, {
        paymentMethod: data.paymentMethod,
        originWarehouseId: data.originWarehouseId,
        partyRegionId: data.recipient?.regionId ?? data.buyer?.regionId,
        customerId: pricing.customerId,
        weightGrams,
      })
    : null;
  if (data.shipping && adjustments.some((a) => a.category === 'SHIPPING')) problems.add(['shipping'], 'cannot be given with a SHIPPING adjustment');
  // Last, so the paths of the client's adjustments keep their numbers.
  if (shipping) adjustments.push({ category: 'SHIPPING', name: shipping.name, type: 'NOMINAL', value: shipping.price.toFixed(2) });
  if (data.discount) adjustments.unshift({ category: 'DISCOUNT', name: null, type: data.discount.type, value: data.discount.value });
  if (pricing.category && !pricing.category.discountAccess) {
    data.items.forEach((item, index) => {
      if (item.discount) problems.add(['items', index, 'discount'], `customer category ${pricing.category!.code} has no discount access`);
    });
    if (data.discount) problems.add(['discount'], `customer category ${pricing.category.code} has no discount access`);
    (data.adjustments ?? []).forEach((a, index) => {
      if (a.category === 'DISCOUNT') problems.add(['adjustments', index], `customer category ${pricing.category!.code} has no discount access`);
    });
  }
  const adjustmentLines: AdjustmentLineInput[] = adjustments.map((a) => ({
    category: a.category,
    name: clean(a.name) ?? DEFAULT_ADJUSTMENT_NAMES[a.category],
    type: a.type ?? 'NOMINAL',
    value: a.value.trim(),
  }));
  const pricedLines = lines.map((l) => ({ unitPrice: l.unitPrice, quantity: l.item.quantity, discount: l.item.discount, variationId: l.variation.id }));
  let priced = priceOrder(pricedLines, adjustmentLines);
  // Paths of adjustments move by one when the order discount was put first.
  for (const p of priced.problems) {
    if (data.discount && p.path[0] === 'adjustments' && typeof p.path[1] === 'number') {
      problems.add(p.path[1] === 0 ? ['discount', 'value'] : ['adjustments', p.path[1] - 1, ...p.path.slice(2)], p.message);
    } else problems.add(p.path, p.message);
  }
  problems.throwIfAny();

  // Promotions that match and the coupons given, each a discount adjustment naming it (orders at cost take none).
  // With no coupon and no active automatic promotion, none can apply: the promotions' read is skipped.
  const promotionsMayApply = !read || read.promotionsMayApply || !!data.couponCodes?.length;
  const promoted = isPayableKind(kind) && promotionsMayApply
    ? await priceWithPromotions(
        db,
        {
          tenantId,
          channel,
          customerId: pricing.customerId,
          customerCategoryCode: pricing.category?.code ?? null,
          couponCodes: data.couponCodes ?? [],
          heldPromotionIds: [],
        },
        pricedLines,
        adjustmentLines,
        priced,
      )
    : { priced, promotions: [] };
  priced = promoted.priced;
  const promotionAt = (index: number) => promoted.promotions[index - adjustmentLines.length]?.promotionId ?? null;

  // 5. Write.
  const partyRows = parties.map(({ role, party }) => ({ tenantId, role, ...partyColumnsFor(party, customers, pricing.customerId, role) }));
  if (pricing.customerId && !parties.some((p) => p.role === 'BUYER')) {
    const customer = customers.get(pricing.customerId)!;
    partyRows.unshift({
      tenantId,
      role: 'BUYER',
      ...partyColumnsFor({ customerId: customer.id }, customers, pricing.customerId, 'BUYER'),
    });
  }
  const t = priced.totals;
  const orderData = {
    tenantId,
    kind,
    // Transfers and returns to a supplier are valued at cost and owe nothing.
    ...(isPayableKind(kind) ? {} : { paymentStatus: 'NOT_APPLICABLE' as const }),
    isDraft: data.isDraft ?? false,
    channel,
    sourceId: data.sourceId ?? null,
    externalRef,
    externalStatus: clean(data.externalStatus),
    customerId: pricing.customerId,
    customerCategoryId: pricing.category?.id ?? null,
    originWarehouseId: data.originWarehouseId ?? null,
    destinationWarehouseId: data.destinationWarehouseId ?? null,
    paymentMethod: data.paymentMethod ?? null,
    currency: [...currencies][0] ?? 'IDR',
    ...totalColumns(t),
    weightGrams,
    deliveryTypeId: data.deliveryTypeId ?? null,
    courierId: shipping?.courierId ?? null,
    courierServiceId: shipping?.courierServiceId ?? null,
    trackingNumber: shipping?.trackingNumber ?? null,
    notes: clean(data.notes),
    internalNotes: clean(data.internalNotes),
    tags,
    contractReference,
    // The old free-text field keeps answering for clients that read it.
    salesRep: clean(data.salesRep) ?? salesRep?.name ?? null,
    salesRepId: salesRep?.id ?? null,
    salesTeamId: salesRep?.teamId ?? null,
    ...(data.orderedAt ? { orderedAt: data.orderedAt } : {}),
    idempotencyKey,
    idempotencyHash: idempotencyKey ? hash : null,
    createdBy: deps.viewer.actor,
  };
  const itemRows = lines.map((l, index) => ({
    tenantId,
    variationId: l.variation.id,
    sku: l.variation.sku,
    productName: l.variation.productName,
    variationName: l.variation.name,
    quantity: l.item.quantity,
    unit: clean(l.item.unit)?.toUpperCase() ?? 'PCS',
    unitPrice: l.unitPrice.toFixed(2),
    priceSource: l.priceSource,
    costPrice: l.variation.costPrice,
    discountType: l.item.discount?.type ?? null,
    discountValue: l.item.discount?.value.trim() ?? null,
    discountAmount: priced.lines[index]!.discountAmount.toFixed(2),
    lineTotal: priced.lines[index]!.lineTotal.toFixed(2),
    weightGrams: lineWeight(l.variation, l.item.quantity),
    externalLineId: clean(l.item.externalLineId),
    note: clean(l.item.note),
  }));
  const adjustmentRows = priced.adjustments.map((a, index) => ({
    tenantId,
    category: a.category,
    name: a.name,
    type: a.type,
    value: a.value,
    amount: a.amount.toFixed(2),
    promotionId: promotionAt(index),
  }));

  const initialPayment = data.initialPayment ?? null;
  if (initialPayment) {
    const amount = dec(initialPayment.amount);
    const at = ['initialPayment', 'amount'];
    if (!isPayableKind(kind)) problems.add(['initialPayment'], `a ${kind} order owes nothing and takes no payment`);
    else if (data.isDraft) problems.add(['initialPayment'], 'a draft takes no payment until it is placed');
    else if (!amount.isFinite() || amount.lte(0) || amount.decimalPlaces() > 2) problems.add(at, 'must be greater than zero, with at most two decimals');
    else if (amount.gt(t.grandTotal)) problems.add(at, `must be at most the order total ${t.grandTotal.toFixed(2)}`);
    checkText(problems, ['initialPayment', 'reference'], initialPayment.reference, { max: 100 });
    if (initialPayment.paidAt && initialPayment.paidAt.getTime() > Date.now() + 24 * 3600_000) problems.add(['initialPayment', 'paidAt'], 'must not be in the future');
    if (initialPayment.bankAccountId != null) {
      const account = await db.bankAccount.findFirst({ where: { id: initialPayment.bankAccountId, tenantId }, select: { isActive: true } });
      if (!account) problems.add(['initialPayment', 'bankAccount'], 'no such bank account');
      else if (!account.isActive) problems.add(['initialPayment', 'bankAccount'], 'is inactive; use an active bank account');
    }
    problems.throwIfAny();
  }
  const wantsTransferCode = data.paymentMethod === 'BANK_TRANSFER' && isPayableKind(kind) && t.grandTotal.gt(0);
  // With nothing to check under the lock, no payment and no promotion use to take, the write is
  // the insert alone: sent without BEGIN and COMMIT, the tenant's lock on its numbered code is
  // held only while PostgreSQL runs it and commits, not across round trips to this process.
  const locks = !!(idempotencyKey || externalRef || code || wantsTransferCode);
  const write = !locks && !initialPayment && !promoted.promotions.length ? oneStatement : transaction;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(deps, async (scope) => {
        // The checks below read under the tenant's order-insert lock; without any of them the
        // insert's numbered code takes the lock by itself (order_next_code), one statement fewer.
        if (locks) await lockOrderInserts(scope, tenantId);
        if (idempotencyKey) {
          const replay = await findReplay(scope.tx, tenantId, idempotencyKey, hash);
          if (replay) return replay;
        }
        if (externalRef) await assertNoDuplicate(scope.tx, tenantId, channel, externalRef);
        // Codes are unique in the tenant, across every channel a key may not read.
        if (code && (await withoutKeyScope(() => scope.tx.order.findFirst({ where: { tenantId, code }, select: { id: true } })))) {
          throw new ValidationError([{ path: ['code'], message: `order code ${code} is already used` }]);
        }
        // A bank-transfer order owing money gets its unique transfer code (under the same lock).
        const transferCode = wantsTransferCode ? await freeTransferCode(scope, tenantId) : null;
        // Numbered in the tenant, whatever channel the caller's key reads; its create event in the same statement.
        const event = newOrderEvent(scope, { tenantId, actor: deps.viewer.actor, requestId: deps.requestId ?? null, note: orderData.isDraft ? 'draft' : null });
        const order = await insertOrder<Parameters<typeof event.finish>[0]>(
          scope.tx,
          { order: { ...orderData, transferCode }, items: itemRows, parties: partyRows, adjustments: adjustmentRows },
          code ? { given: code } : { prefix: codePrefix(new Date()) },
          event.tail,
        );
        event.finish(order);
        // The payment made with the order, by the rules of paymentRecord (the payment status follows).
        if (initialPayment) {
          await recordPaymentInScope(scope, deps, {
            orderId: order.id,
            method: initialPayment.method,
            amount: dec(initialPayment.amount),
            bankAccountId: initialPayment.bankAccountId ?? null,
            paidAt: initialPayment.paidAt ?? null,
            reference: clean(initialPayment.reference),
          });
        }
        // Uses are taken last, so the promotion rows stay locked for the shortest time.
        await claimPromotions(scope.tx, tenantId, order.id, pricing.customerId, promoted.promotions);
        return { orderId: order.id, replayed: false };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Someone won the race without the lock's help (PGlite or a crossed lock); answer as the pre-check would.
      if (idempotencyKey) {
        const replay = await findReplay(db, tenantId, idempotencyKey, hash);
        if (replay) return replay;
      }
      if (externalRef) await assertNoDuplicate(db, tenantId, channel, externalRef);
      if (code) throw new ValidationError([{ path: ['code'], message: `order code ${code} is already used` }]);
      if (attempt >= 5) throw error;
    }
  }
}

function partyColumnsFor(
  party: PartyData,
  customers: Map<number, CustomerRow>,
  orderCustomerId: number | null,
  role: string,
) {
  // The buyer of a customer's order is that customer unless another is named.
  const customerId = party.customerId ?? (role === 'BUYER' ? orderCustomerId : null);
  const customer = customerId ? customers.get(customerId) : undefined;
  return partyColumns({ ...party, customerId }, customer);
}

type OrderReader = Pick<TransactionScope['tx'], 'order'>;

async function findReplay(db: OrderReader, tenantId: number, idempotencyKey: string, hash: string): Promise<OrderCreateResult | null> {
  // Keys are unique in the tenant: a key's channel scope must not hide the order that holds one.
  const existing = await withoutKeyScope(() =>
    db.order.findUnique({
      where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } },
      select: { id: true, idempotencyHash: true },
    }),
  );
  if (!existing) return null;
  if (existing.idempotencyHash !== hash) throw new IdempotencyConflictError(idempotencyKey, existing.id);
  return { orderId: existing.id, replayed: true };
}

async function assertCustomersOfChannel(db: OrderReader, channel: string, data: OrderCreateData): Promise<void> {
  const named: Array<[path: (string | number)[], id: number]> = [];
  if (data.customerId) named.push([['customer'], data.customerId]);
  for (const [field] of PARTY_ROLES) {
    const id = data[field]?.customerId;
    if (id) named.push([[field, 'customer'], id]);
  }
  if (!named.length) return;
  const served = await db.order.findMany({ where: { channel, customerId: { in: named.map(([, id]) => id) } }, select: { customerId: true }, distinct: ['customerId'] });
  const ids = new Set(served.map((row) => row.customerId));
  const problems = named.filter(([, id]) => !ids.has(id)).map(([path]) => ({ path: path.map(String), message: `is not a customer of channel "${channel}" (this API key is bound to it)` }));
  if (problems.length) throw new ValidationError(problems);
}

async function assertNoDuplicate(db: OrderReader, tenantId: number, channel: string, externalRef: string) {
  const existing = await db.order.findUnique({
    where: { tenantId_channel_externalRef: { tenantId, channel, externalRef } },
    select: { id: true },
  });
  if (existing) throw new DuplicateOrderError(channel, externalRef, existing.id);
}
