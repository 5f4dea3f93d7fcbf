// orderEdit and orderPlace. An edit changes lines, parties, costs and notes while
// the order is a draft, PENDING or CONFIRMED (nothing is reserved yet: allocation
// is the `process` transition), recomputes the totals, bumps the version and
// writes an 'edit' event. A dry run computes the same in memory and returns the
// would-be order and its stock effect; it writes nothing.
import type { OrderStatus, PriceSource } from '../db/generated/prisma/enums.js';
import { transaction } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { appendOrderEvent } from './order-event-log.js';
import { CONTRACT_REFERENCE_MAX } from './order-tags.js';
import { orderEditDiff, type DiffLine } from './order-edit-diff.js';
import { refreshPaymentStatus } from '../payments/payment-service.js';
import { OrderNotDraftError, OrderNotEditableError, VersionConflictError } from './errors.js';
import { priceOrder, totalColumns, type OrderTotalsFigures } from './order-pricing.js';
import { isPayableKind, isTransferKind } from './order-kinds.js';
import { checkCouponCodes, priceWithPromotions } from './order-promotions.js';
import { claimPromotions, releasePromotions } from '../promotions/promotion-apply.js';
import type { OrderWriteDeps } from './order-create-service.js';
import {
  checkAdjustment,
  checkAmount,
  checkItem,
  checkParty,
  checkReferences,
  checkSellable,
  clean,
  DEFAULT_ADJUSTMENT_NAMES,
  lineWeight,
  priceLines,
  loadCustomerPricing,
  checkAvailability,
  loadVariations,
  PARTY_ROLES,
  partyColumns,
  type AdjustmentData,
  type DiscountData,
  type ItemData,
  type PartyData,
} from './order-create-lines.js';
import type { PaymentMethod, PartyRole } from '../db/generated/prisma/enums.js';

export const EDITABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(['PENDING', 'CONFIRMED']);

export interface ItemUpdateData {
  itemId: number;
  quantity?: number | null;
  unit?: string | null;
  /** A hand-set price (OVERRIDE). */
  unitPrice?: Decimal | null;
  /** Back to the catalog price (drops an override). */
  catalogPrice?: boolean | null;
  discount?: DiscountData | null;
  removeDiscount?: boolean | null;
  externalLineId?: string | null;
  note?: string | null;
}

export interface OrderEditData {
  orderId: number;
  expectedVersion?: number | null;
  dryRun?: boolean | null;
  addItems?: ItemData[] | null;
  updateItems?: ItemUpdateData[] | null;
  removeItems?: number[] | null;
  buyer?: PartyData | null;
  recipient?: PartyData | null;
  dropshipper?: PartyData | null;
  removeParties?: PartyRole[] | null;
  /** Replaces all the order's adjustments (costs and order discounts) when given. */
  adjustments?: AdjustmentData[] | null;
  /** Accept added or raised own-stock lines beyond what is available now. */
  backorder?: boolean | null;
  /** Replaces the order's coupons when given (an empty list removes them); left out, the coupons it has stay. */
  couponCodes?: string[] | null;
  notes?: string | null;
  internalNotes?: string | null;
  salesRep?: string | null;
  /** An empty string clears it. */
  contractReference?: string | null;
  /** The sales rep the order is attributed to (and so the rep's team); null removes the rep, left out it stays. */
  salesRepId?: number | null;
  externalStatus?: string | null;
  paymentMethod?: PaymentMethod | null;
  originWarehouseId?: number | null;
  destinationWarehouseId?: number | null;
}

export interface PreviewItem {
  itemId: number | null;
  variationId: number | null;
  sku: string;
  productName: string;
  variationName: string | null;
  quantity: number;
  unit: string;
  unitPrice: Decimal;
  priceSource: PriceSource;
  discountType: DiscountData['type'] | null;
  discountValue: string | null;
  discountAmount: Decimal;
  lineTotal: Decimal;
  weightGrams: number;
}

export interface StockEffect {
  variationId: number;
  /** Units the order asks for after the edit minus before. */
  quantityChange: number;
  /** Units available now (on hand - reserved) in the order's origin warehouse, or all warehouses; null when the product's stock is not tracked. */
  available: number | null;
}

export interface OrderEditResult {
  orderId: number;
  dryRun: boolean;
  version: number;
  items: PreviewItem[];
  adjustments: Array<{ category: AdjustmentData['category']; name: string; type: DiscountData['type']; value: string; amount: Decimal; promotionId: number | null }>;
  totals: OrderTotalsFigures & { currency: string };
  weightGrams: number;
  stockEffect: StockEffect[];
}

/** Tries of an edit that names no version, when another write to the order lands between its read and its write. */
const EDIT_ATTEMPTS = 3;

/**
 * The edit, computed from the order as read and written only if the order is still at that version.
 * With an expectedVersion, a write in between is the client's VersionConflictError; without one, the
 * edit is computed again on the order as it is now (which may refuse it, e.g. once processed).
 */
export async function editOrder(deps: OrderWriteDeps, data: OrderEditData): Promise<OrderEditResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await editOrderOnce(deps, data);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || data.expectedVersion != null || data.dryRun || attempt >= EDIT_ATTEMPTS) throw error;
    }
  }
}

async function editOrderOnce(deps: OrderWriteDeps, data: OrderEditData): Promise<OrderEditResult> {
  const { tenantId } = deps;
  const db = deps.prisma;
  const problems = new Problems();
  (data.addItems ?? []).forEach((item, index) => checkItem(problems, ['addItems', index], item));
  (data.updateItems ?? []).forEach((u, index) => {
    if (u.quantity != null) problems.check(Number.isInteger(u.quantity) && u.quantity >= 1 && u.quantity <= 1_000_000, ['updateItems', index, 'quantity'], 'must be a whole number from 1 to 1000000');
    if (u.unitPrice != null) checkAmount(problems, ['updateItems', index, 'unitPrice'], u.unitPrice);
    if (u.unitPrice != null && u.catalogPrice) problems.add(['updateItems', index, 'catalogPrice'], 'give a unitPrice or catalogPrice, not both');
    if (u.discount && u.removeDiscount) problems.add(['updateItems', index, 'removeDiscount'], 'give a discount or removeDiscount, not both');
    checkText(problems, ['updateItems', index, 'unit'], u.unit, { max: 20 });
    checkText(problems, ['updateItems', index, 'note'], u.note, { max: 1000 });
    checkText(problems, ['updateItems', index, 'externalLineId'], u.externalLineId, { max: 100 });
  });
  const touched = [...(data.updateItems ?? []).map((u) => u.itemId), ...(data.removeItems ?? [])];
  if (new Set(touched).size !== touched.length) problems.add(['updateItems'], 'an item may be updated or removed once per edit');
  for (const [field] of PARTY_ROLES) if (data[field]) checkParty(problems, [field], data[field]!);
  for (const [field, role] of PARTY_ROLES) if (data[field] && data.removeParties?.includes(role)) problems.add(['removeParties'], `${role} is both given and removed`);
  (data.adjustments ?? []).forEach((a, index) => checkAdjustment(problems, ['adjustments', index], a));
  checkText(problems, ['notes'], data.notes, { max: 5000 });
  checkText(problems, ['internalNotes'], data.internalNotes, { max: 5000 });
  checkText(problems, ['salesRep'], data.salesRep, { max: 200 });
  checkText(problems, ['contractReference'], data.contractReference, { max: CONTRACT_REFERENCE_MAX });
  checkText(problems, ['externalStatus'], data.externalStatus, { max: 100 });
  checkCouponCodes(problems, ['couponCodes'], data.couponCodes);
  problems.throwIfAny();

  const order = await db.order.findFirst({
    where: { id: data.orderId, tenantId },
    include: { items: { orderBy: { id: 'asc' } }, adjustments: { orderBy: { id: 'asc' } } },
  });
  if (!order) throw new NotFoundError('Order', String(data.orderId));
  assertEditable(order, data.expectedVersion);

  const pricing = await loadCustomerPricing(db, tenantId, order.customerId).catch((error) => {
    // A customer deleted since the order was taken prices new lines as a guest.
    if (error instanceof NotFoundError) return { customerId: null, category: null };
    throw error;
  });
  const parties = PARTY_ROLES.flatMap(([field, role]) => (data[field] ? [{ role, party: data[field]! }] : []));
  const { customers } = await checkReferences(db, tenantId, {
    warehouseIds: [data.originWarehouseId, data.destinationWarehouseId].filter((id): id is number => !!id),
    regionIds: parties.map((p) => p.party.regionId).filter((id): id is number => !!id),
    customerIds: parties.map((p) => p.party.customerId).filter((id): id is number => !!id),
  });
  // A new rep must be active; the order then counts for the rep's team of today.
  const salesRep = data.salesRepId != null && data.salesRepId !== order.salesRepId
    ? await db.salesRep.findFirst({ where: { id: data.salesRepId, tenantId }, select: { id: true, name: true, teamId: true, isActive: true } })
    : undefined;
  if (salesRep === null) new Problems().add(['salesRepresentative'], 'no such sales rep').throwIfAny();
  if (salesRep && !salesRep.isActive) new Problems().add(['salesRepresentative'], `sales rep ${salesRep.name} is inactive`).throwIfAny();
  const salesColumns: Record<string, number | null> = salesRep ? { salesRepId: salesRep.id, salesTeamId: salesRep.teamId } : data.salesRepId === null ? { salesRepId: null, salesTeamId: null } : {};
  const live = order.items.filter((i) => !i.isCancelled);
  const itemsById = new Map(live.map((i) => [i.id, i]));
  for (const u of data.updateItems ?? []) if (!itemsById.has(u.itemId)) throw new NotFoundError('OrderItem', String(u.itemId));
  for (const id of data.removeItems ?? []) if (!itemsById.has(id)) throw new NotFoundError('OrderItem', String(id));

  const updates = new Map((data.updateItems ?? []).map((u) => [u.itemId, u]));
  const repriced = (data.updateItems ?? []).filter((u) => u.catalogPrice || (u.quantity != null && itemsById.get(u.itemId)!.priceSource !== 'OVERRIDE'));
  const variationIds = [
    ...(data.addItems ?? []).map((i) => i.variationId),
    ...repriced.map((u) => itemsById.get(u.itemId)!.variationId).filter((id): id is number => id !== null),
  ];
  const variations = await loadVariations(db, tenantId, variationIds);
  // Catalog prices for the new lines and for updated lines whose quantity or price rule changes.
  const repricedLines = repriced
    .filter((u) => itemsById.get(u.itemId)!.variationId !== null)
    .map((u) => ({ itemId: u.itemId, variationId: itemsById.get(u.itemId)!.variationId!, quantity: u.quantity ?? itemsById.get(u.itemId)!.quantity }));
  const newPrices = await priceLines(db, tenantId, pricing, [
    ...repricedLines,
    ...(data.addItems ?? []).map((i) => ({ variationId: i.variationId, quantity: i.quantity, override: i.unitPrice })),
  ], { atCost: !isPayableKind(order.kind) });
  const destination = data.destinationWarehouseId ?? order.destinationWarehouseId;
  if (isTransferKind(order.kind) && destination != null && destination === (data.originWarehouseId ?? order.originWarehouseId)) {
    new Problems().add(['destinationWarehouse'], 'must differ from the origin warehouse').throwIfAny();
  }
  const repricedById = new Map(repricedLines.map((l, index) => [l.itemId, newPrices[index]!]));

  // The would-be lines: kept and updated lines in their order, then the new ones.
  const removed = new Set(data.removeItems ?? []);
  const next: Array<PreviewItem & { discount: DiscountData | null; changed: boolean; addedItem: ItemData | null; addedCost: string | null }> = [];
  for (const item of live) {
    if (removed.has(item.id)) continue;
    const u = updates.get(item.id);
    const quantity = u?.quantity ?? item.quantity;
    let unitPrice = dec(item.unitPrice);
    let priceSource = item.priceSource;
    if (u?.unitPrice != null) {
      unitPrice = u.unitPrice;
      priceSource = 'OVERRIDE';
    } else if (repricedById.has(item.id)) {
      const p = repricedById.get(item.id)!;
      unitPrice = p.unitPrice;
      priceSource = p.priceSource;
    }
    const discount: DiscountData | null = u?.removeDiscount
      ? null
      : (u?.discount ?? (item.discountType && item.discountValue !== null ? { type: item.discountType, value: item.discountValue } : null));
    next.push({
      itemId: item.id,
      variationId: item.variationId,
      sku: item.sku,
      productName: item.productName,
      variationName: item.variationName,
      quantity,
      unit: clean(u?.unit)?.toUpperCase() ?? item.unit,
      unitPrice,
      priceSource,
      discountType: discount?.type ?? null,
      discountValue: discount?.value.trim() ?? null,
      discountAmount: dec(0),
      lineTotal: dec(0),
      weightGrams: item.quantity ? Math.round((item.weightGrams / item.quantity) * quantity) : 0,
      discount,
      changed: !!u,
      addedItem: null,
      addedCost: null,
    });
  }
  const added = (data.addItems ?? []).map((item, index) => {
    const variation = variations.get(item.variationId)!;
    checkSellable(problems, ['addItems', index, 'variation'], variation);
    if (variation.currency !== order.currency) problems.add(['addItems', index, 'variation'], `is priced in ${variation.currency}, the order in ${order.currency}`);
    const p = newPrices[repricedLines.length + index]!;
    return { item, variation, p };
  });
  for (const { item, variation, p } of added) {
    next.push({
      itemId: null,
      variationId: variation.id,
      sku: variation.sku,
      productName: variation.productName,
      variationName: variation.name,
      quantity: item.quantity,
      unit: clean(item.unit)?.toUpperCase() ?? 'PCS',
      unitPrice: p.unitPrice,
      priceSource: p.priceSource,
      discountType: item.discount?.type ?? null,
      discountValue: item.discount?.value.trim() ?? null,
      discountAmount: dec(0),
      lineTotal: dec(0),
      weightGrams: lineWeight(variation, item.quantity),
      discount: item.discount ?? null,
      changed: true,
      addedItem: item,
      addedCost: variation.costPrice,
    });
  }
  if (!next.length) problems.add(['removeItems'], 'an order keeps at least one line');

  // Own stock a grown line needs must be there now, as at create, unless the edit is a backorder. Only variations
  // the edit adds or raises are checked: an order taken as a backorder stays editable in its other lines.
  if (!data.backorder && !order.isDraft) {
    const before = new Map<number, number>();
    for (const item of live) if (item.variationId !== null) before.set(item.variationId, (before.get(item.variationId) ?? 0) + item.quantity);
    const after = new Map<number, number>();
    for (const line of next) if (line.variationId !== null) after.set(line.variationId, (after.get(line.variationId) ?? 0) + line.quantity);
    const grown = [...after].filter(([v, q]) => q > (before.get(v) ?? 0)).map(([v]) => v);
    if (grown.length) {
      const catalog = await loadVariations(db, tenantId, grown);
      const pathOf = (line: (typeof next)[number]) =>
        line.itemId === null ? ['addItems', next.filter((l) => l.itemId === null).indexOf(line)] : ['updateItems', (data.updateItems ?? []).findIndex((u) => u.itemId === line.itemId)];
      await checkAvailability(
        db,
        problems,
        tenantId,
        next
          .filter((line) => line.variationId !== null && grown.includes(line.variationId) && (line.itemId === null || updates.has(line.itemId)))
          .map((line) => ({ path: pathOf(line), variation: catalog.get(line.variationId!)!, quantity: after.get(line.variationId!)! })),
        data.originWarehouseId ?? order.originWarehouseId,
      );
    }
  }

  if (pricing.category && !pricing.category.discountAccess) {
    const code = pricing.category.code;
    (data.addItems ?? []).forEach((i, index) => i.discount && problems.add(['addItems', index, 'discount'], `customer category ${code} has no discount access`));
    (data.updateItems ?? []).forEach((u, index) => u.discount && problems.add(['updateItems', index, 'discount'], `customer category ${code} has no discount access`));
    (data.adjustments ?? []).forEach((a, index) => a.category === 'DISCOUNT' && problems.add(['adjustments', index], `customer category ${code} has no discount access`));
  }

  const adjustments = data.adjustments
    ? data.adjustments.map((a) => ({ category: a.category, name: clean(a.name) ?? DEFAULT_ADJUSTMENT_NAMES[a.category], type: a.type ?? 'NOMINAL', value: a.value.trim() }))
    : order.adjustments.filter((a) => a.promotionId === null).map((a) => ({ category: a.category, name: a.name, type: a.type, value: a.value }));
  const pricedLines = next.map((l) => ({ unitPrice: l.unitPrice, quantity: l.quantity, discount: l.discount, variationId: l.variationId }));
  let priced = priceOrder(pricedLines, adjustments);
  for (const p of priced.problems) {
    if (p.path[0] === 'items' && typeof p.path[1] === 'number') {
      // Map a line back to where the client named it.
      const line = next[p.path[1]]!;
      if (line.itemId === null) problems.add(['addItems', p.path[1] - (next.length - added.length), 'discount', 'value'], p.message);
      else {
        const index = (data.updateItems ?? []).findIndex((u) => u.itemId === line.itemId);
        problems.add(index >= 0 ? ['updateItems', index, 'discount', 'value'] : ['updateItems'], p.message);
      }
    } else if (p.path[0] === 'adjustments' && !data.adjustments) problems.add(['addItems'], `the order's adjustments no longer fit: ${p.message}`);
    else problems.add(p.path, p.message);
  }
  problems.throwIfAny();

  // Promotions are chosen again for the new lines: the ones the order holds stay while they still fit it.
  const heldPromotionIds = order.adjustments.flatMap((a) => (a.promotionId === null ? [] : [a.promotionId]));
  if (data.couponCodes?.length && !isPayableKind(order.kind)) new Problems().add(['couponCodes'], `a ${order.kind} order is valued at cost and takes no coupon`).throwIfAny();
  const couponCodes =
    data.couponCodes ??
    (heldPromotionIds.length
      ? (await db.promotion.findMany({ where: { tenantId, id: { in: heldPromotionIds }, group: 'COUPON' }, select: { couponCode: true } })).map((p) => p.couponCode!)
      : []);
  const promoted = isPayableKind(order.kind)
    ? await priceWithPromotions(
        db,
        {
          tenantId,
          channel: order.channel,
          customerId: pricing.customerId,
          customerCategoryCode: pricing.category?.code ?? null,
          couponCodes,
          heldPromotionIds,
          orderId: order.id,
        },
        pricedLines,
        adjustments,
        priced,
      )
    : { priced, promotions: [] };
  priced = promoted.priced;
  const promotionAt = (index: number) => promoted.promotions[index - adjustments.length]?.promotionId ?? null;
  const rewriteAdjustments = !!data.adjustments || heldPromotionIds.length > 0 || promoted.promotions.length > 0;
  next.forEach((line, index) => {
    line.discountAmount = priced.lines[index]!.discountAmount;
    line.lineTotal = priced.lines[index]!.lineTotal;
  });

  const result: Omit<OrderEditResult, 'stockEffect' | 'version' | 'dryRun'> = {
    orderId: order.id,
    items: next.map(({ discount: _d, changed: _c, addedItem: _a, addedCost: _k, ...line }) => line),
    adjustments: priced.adjustments.map((a, index) => ({ ...a, promotionId: promotionAt(index) })),
    totals: { ...priced.totals, currency: order.currency },
    weightGrams: next.reduce((s, l) => s + l.weightGrams, 0),
  };

  if (data.dryRun) {
    const stockEffect = await computeStockEffect(deps, order.originWarehouseId, data.originWarehouseId, live, next);
    return { ...result, stockEffect, dryRun: true, version: order.version };
  }

  const t = priced.totals;
  const version = await transaction(deps, async (scope) => {
    const { tx } = scope;
    const updated = await tx.order.updateMany({
      where: { id: order.id, tenantId, version: order.version, status: order.status, isDraft: order.isDraft },
      data: {
        version: { increment: 1 },
        ...totalColumns(t),
        weightGrams: result.weightGrams,
        ...(data.notes !== undefined && data.notes !== null ? { notes: clean(data.notes) } : {}),
        ...(data.internalNotes != null ? { internalNotes: clean(data.internalNotes) } : {}),
        ...(data.salesRep != null ? { salesRep: clean(data.salesRep) } : {}),
        ...(data.contractReference != null ? { contractReference: clean(data.contractReference) } : {}),
        ...salesColumns,
        ...(data.externalStatus != null ? { externalStatus: clean(data.externalStatus) } : {}),
        ...(data.paymentMethod != null ? { paymentMethod: data.paymentMethod } : {}),
        ...(data.originWarehouseId != null ? { originWarehouseId: data.originWarehouseId } : {}),
        ...(data.destinationWarehouseId != null ? { destinationWarehouseId: data.destinationWarehouseId } : {}),
      },
    });
    if (updated.count !== 1) {
      // Someone wrote in between; the lines and totals computed here are stale either way.
      const now = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { version: true, status: true, isDraft: true } });
      assertEditable({ id: order.id, ...now }, data.expectedVersion ?? order.version);
      throw new VersionConflictError(order.id, data.expectedVersion ?? order.version, now.version);
    }
    if (removed.size) await tx.orderItem.deleteMany({ where: { orderId: order.id, id: { in: [...removed] } } });
    const addedItemIds = new Set<number>();
    const linesAfter: DiffLine[] = [];
    for (const line of next) {
      const columns = {
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: line.unitPrice.toFixed(2),
        priceSource: line.priceSource,
        discountType: line.discountType,
        discountValue: line.discountValue,
        discountAmount: line.discountAmount.toFixed(2),
        lineTotal: line.lineTotal.toFixed(2),
        weightGrams: line.weightGrams,
      };
      let itemId = line.itemId;
      if (line.itemId === null) {
        const source = line.addedItem;
        const created = await tx.orderItem.create({
          data: {
            tenantId,
            orderId: order.id,
            variationId: line.variationId,
            sku: line.sku,
            productName: line.productName,
            variationName: line.variationName,
            externalLineId: clean(source?.externalLineId),
            note: clean(source?.note),
            costPrice: line.addedCost,
            ...columns,
          },
          select: { id: true },
        });
        itemId = created.id;
        addedItemIds.add(created.id);
      } else if (line.changed) {
        const u = updates.get(line.itemId)!;
        await tx.orderItem.update({
          where: { id: line.itemId },
          data: {
            ...columns,
            ...(u.note != null ? { note: clean(u.note) } : {}),
            ...(u.externalLineId != null ? { externalLineId: clean(u.externalLineId) } : {}),
          },
        });
      } else if (!line.lineTotal.eq(dec(itemsById.get(line.itemId)!.lineTotal))) {
        await tx.orderItem.update({ where: { id: line.itemId }, data: columns });
      }
      linesAfter.push({ itemId: itemId!, sku: line.sku, quantity: line.quantity, unitPrice: columns.unitPrice, discountAmount: columns.discountAmount, lineTotal: columns.lineTotal });
    }
    if (rewriteAdjustments) {
      await tx.orderAdjustment.deleteMany({ where: { orderId: order.id } });
      if (result.adjustments.length) {
        await tx.orderAdjustment.createMany({
          data: result.adjustments.map((a) => ({
            tenantId,
            orderId: order.id,
            category: a.category,
            name: a.name,
            type: a.type,
            value: a.value,
            amount: a.amount.toFixed(2),
            promotionId: a.promotionId,
          })),
        });
      }
      // Uses of promotions the edit drops go back; new ones are taken (a quota reached meanwhile rolls the edit back).
      await releasePromotions(tx, tenantId, order.id, new Set(promoted.promotions.map((p) => p.promotionId)));
      await claimPromotions(tx, tenantId, order.id, pricing.customerId, promoted.promotions);
    } else {
      // Percentages follow the new subtotal.
      for (const [index, a] of order.adjustments.entries()) {
        const amount = priced.adjustments[index]!.amount;
        if (!amount.eq(dec(a.amount))) await tx.orderAdjustment.update({ where: { id: a.id }, data: { amount: amount.toFixed(2) } });
      }
    }
    if (data.removeParties?.length) await tx.orderParty.deleteMany({ where: { orderId: order.id, role: { in: data.removeParties } } });
    for (const { role, party } of parties) {
      const columns = partyColumns(party, party.customerId ? customers.get(party.customerId) : undefined);
      await tx.orderParty.upsert({
        where: { orderId_role: { orderId: order.id, role } },
        create: { tenantId, orderId: order.id, role, ...columns },
        update: columns,
      });
    }
    // The stored payment status follows the new grand total (a paid order that grows is partly paid).
    await refreshPaymentStatus(scope, tenantId, order.id);
    const changes = orderEditDiff({
      fieldsBefore: editedFields(order),
      fieldsAfter: {
        ...editedFields({ ...order, notes: data.notes != null ? clean(data.notes) : order.notes, internalNotes: data.internalNotes != null ? clean(data.internalNotes) : order.internalNotes }),
        ...totalColumns(t),
        weightGrams: result.weightGrams,
        ...(data.salesRep != null ? { salesRep: clean(data.salesRep) } : {}),
        ...(data.contractReference != null ? { contractReference: clean(data.contractReference) } : {}),
        ...salesColumns,
        ...(data.externalStatus != null ? { externalStatus: clean(data.externalStatus) } : {}),
        ...(data.paymentMethod != null ? { paymentMethod: data.paymentMethod } : {}),
        ...(data.originWarehouseId != null ? { originWarehouseId: data.originWarehouseId } : {}),
        ...(data.destinationWarehouseId != null ? { destinationWarehouseId: data.destinationWarehouseId } : {}),
      },
      linesBefore: live.map((item) => ({
        itemId: item.id,
        sku: item.sku,
        quantity: item.quantity,
        unitPrice: dec(item.unitPrice).toFixed(2),
        discountAmount: dec(item.discountAmount).toFixed(2),
        lineTotal: dec(item.lineTotal).toFixed(2),
      })),
      linesAfter,
      addedItemIds,
      partiesSet: parties.map((p) => p.role),
      partiesRemoved: data.removeParties ?? [],
      adjustmentsReplaced: !!data.adjustments,
    });
    await appendOrderEvent(scope, {
      tenantId,
      orderId: order.id,
      type: 'edit',
      fromStatus: order.status,
      toStatus: order.status,
      actor: deps.viewer.actor,
      changes,
      requestId: deps.requestId ?? null,
    });
    scope.publish('orderEdited', {
      tenantId,
      orderId: order.id,
      version: order.version + 1,
      ...changes,
      actor: deps.viewer.actor,
      at: new Date().toISOString(),
    });
    return order.version + 1;
  });
  const stockEffect = await computeStockEffect(deps, order.originWarehouseId, data.originWarehouseId, live, next);
  return { ...result, stockEffect, dryRun: false, version };
}

/** The order's scalar fields an edit may change, as the order.edited diff compares them. */
function editedFields(order: {
  subtotal: { toString(): string };
  itemDiscountTotal: { toString(): string };
  shippingTotal: { toString(): string };
  discountTotal: { toString(): string };
  taxTotal: { toString(): string };
  codFee: { toString(): string };
  insuranceTotal: { toString(): string };
  otherCostTotal: { toString(): string };
  grandTotal: { toString(): string };
  weightGrams: number;
  notes: string | null;
  internalNotes: string | null;
  salesRep: string | null;
  contractReference: string | null;
  salesRepId: number | null;
  salesTeamId: number | null;
  externalStatus: string | null;
  paymentMethod: string | null;
  originWarehouseId: number | null;
  destinationWarehouseId: number | null;
}): Record<string, string | number | null> {
  const money = (value: { toString(): string }) => dec(value.toString()).toFixed(2);
  return {
    subtotal: money(order.subtotal),
    itemDiscountTotal: money(order.itemDiscountTotal),
    shippingTotal: money(order.shippingTotal),
    discountTotal: money(order.discountTotal),
    taxTotal: money(order.taxTotal),
    codFee: money(order.codFee),
    insuranceTotal: money(order.insuranceTotal),
    otherCostTotal: money(order.otherCostTotal),
    grandTotal: money(order.grandTotal),
    weightGrams: order.weightGrams,
    notes: order.notes,
    internalNotes: order.internalNotes,
    salesRep: order.salesRep,
    contractReference: order.contractReference,
    salesRepId: order.salesRepId,
    salesTeamId: order.salesTeamId,
    externalStatus: order.externalStatus,
    paymentMethod: order.paymentMethod,
    originWarehouseId: order.originWarehouseId,
    destinationWarehouseId: order.destinationWarehouseId,
  };
}

function assertEditable(order: { id: number; status: OrderStatus; isDraft: boolean; version: number }, expectedVersion: number | null | undefined) {
  if (!order.isDraft && !EDITABLE_STATUSES.has(order.status)) throw new OrderNotEditableError(order.id, order.status);
  if (expectedVersion != null && expectedVersion !== order.version) throw new VersionConflictError(order.id, expectedVersion, order.version);
}

/** Per variation: units wanted after minus before, and what is available now. Reads only. */
async function computeStockEffect(
  deps: OrderWriteDeps,
  currentWarehouseId: number | null,
  newWarehouseId: number | null | undefined,
  before: Array<{ variationId: number | null; quantity: number }>,
  after: Array<{ variationId: number | null; quantity: number }>,
): Promise<StockEffect[]> {
  const change = new Map<number, number>();
  for (const l of before) if (l.variationId !== null) change.set(l.variationId, (change.get(l.variationId) ?? 0) - l.quantity);
  for (const l of after) if (l.variationId !== null) change.set(l.variationId, (change.get(l.variationId) ?? 0) + l.quantity);
  const ids = [...change.keys()];
  if (!ids.length) return [];
  const warehouseId = newWarehouseId ?? currentWarehouseId;
  const variations = await deps.prisma.variation.findMany({
    where: { tenantId: deps.tenantId, id: { in: ids } },
    select: {
      id: true,
      product: { select: { stockType: true } },
      stockLevels: { where: warehouseId ? { warehouseId } : {}, select: { onHand: true, reserved: true } },
    },
  });
  const byId = new Map(variations.map((v) => [v.id, v]));
  return ids
    .filter((id) => change.get(id) !== 0)
    .map((id) => {
      const v = byId.get(id);
      const tracked = v?.product.stockType === 'OWN';
      return {
        variationId: id,
        quantityChange: change.get(id)!,
        available: v && tracked ? v.stockLevels.reduce((s, l) => s + l.onHand - l.reserved, 0) : null,
      };
    });
}

/** Turns a draft into an order (isDraft false), with a 'place' event. */
export async function placeOrder(deps: OrderWriteDeps, input: { orderId: number; expectedVersion?: number | null }): Promise<{ orderId: number }> {
  const { tenantId } = deps;
  return transaction(deps, async (scope) => {
    const order = await scope.tx.order.findFirst({ where: { id: input.orderId, tenantId }, select: { id: true, status: true, isDraft: true, version: true } });
    if (!order) throw new NotFoundError('Order', String(input.orderId));
    if (!order.isDraft) throw new OrderNotDraftError(order.id);
    if (input.expectedVersion != null && input.expectedVersion !== order.version) throw new VersionConflictError(order.id, input.expectedVersion, order.version);
    const updated = await scope.tx.order.updateMany({
      where: { id: order.id, isDraft: true, version: order.version },
      data: { isDraft: false, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const now = await scope.tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { isDraft: true, version: true } });
      if (!now.isDraft) throw new OrderNotDraftError(order.id);
      throw new VersionConflictError(order.id, order.version, now.version);
    }
    await appendOrderEvent(scope, {
      tenantId,
      orderId: order.id,
      type: 'place',
      fromStatus: order.status,
      toStatus: order.status,
      actor: deps.viewer.actor,
      requestId: deps.requestId ?? null,
    });
    return { orderId: order.id };
  });
}
