// Shipments after an order's ship transition: extra packages per warehouse,
// tracking numbers, courier tracking steps, pickup requests and label print state.
// Status changes are conditional updates (or a row lock), so concurrent requests
// cannot both pass a status check.
import type { PickupOption, ShipmentStatus } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionDeps, type TransactionScope, type Tx } from '../db/transaction.js';
import { assertOrderWarehousesAllowed, assertWarehousesAllowed } from '../auth/key-scope.js';
import type { KeyScope } from '../auth/viewer.js';
import { NotFoundError } from '../shared/errors.js';
import type { Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { InvalidShipmentStateError, OrderNotShippableError } from './errors.js';
import { canRun, SHIPMENT_ACTIONS, SHIPPABLE_ORDER_STATUSES, trackedStatus, type ShipmentAction } from './shipment-lifecycle.js';

export interface ShipmentDeps extends TransactionDeps {
  tenantId: number;
  viewer: { actor: string; scope?: KeyScope };
}

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const MAX_TRACKING_STEPS = 200;

export interface ShipmentCreateInput {
  orderId: number;
  warehouseId?: number | null;
  courierId?: number | null;
  serviceName?: string | null;
  trackingNumber?: string | null;
  shippingCost?: Decimal | null;
  weightGrams?: number | null;
  lengthCm?: number | null;
  widthCm?: number | null;
  heightCm?: number | null;
}

async function checkCourier(scope: TransactionScope, tenantId: number, courierId: number, path: string[]) {
  const courier = await scope.tx.courier.findFirst({ where: { id: courierId, tenantId }, select: { isActive: true } });
  if (!courier) throw new NotFoundError('Courier', String(courierId));
  if (!courier.isActive) new Problems().add(path, 'is inactive; choose an active courier').throwIfAny();
}

function checkDimension(problems: Problems, path: string, value: number | null | undefined, max: number) {
  if (value != null && (value < 0 || value > max)) problems.add([path], `must be between 0 and ${max}`);
}

export async function createShipment(deps: ShipmentDeps, input: ShipmentCreateInput): Promise<{ shipmentId: number }> {
  const problems = new Problems();
  const serviceName = checkText(problems, ['serviceName'], input.serviceName, { max: 50 }) || null;
  const trackingNumber = checkText(problems, ['trackingNumber'], input.trackingNumber, { max: 60 }) || null;
  if (input.shippingCost && (input.shippingCost.lt(0) || input.shippingCost.decimalPlaces() > 2)) {
    problems.add(['shippingCost'], 'must be zero or more, with at most 2 decimal places');
  }
  checkDimension(problems, 'weightGrams', input.weightGrams, 1_000_000);
  for (const key of ['lengthCm', 'widthCm', 'heightCm'] as const) checkDimension(problems, key, input[key], 10_000);
  problems.throwIfAny();

  return transaction(deps, async (scope) => {
    const { tx } = scope;
    // FOR SHARE: the order cannot change status (e.g. be cancelled) until this commits.
    const orders = await tx.$queryRaw<Array<{ id: number; status: string; originWarehouseId: number | null }>>`
      SELECT "id", "status"::text AS "status", "originWarehouseId" FROM "Order"
       WHERE "id" = ${input.orderId} AND "tenantId" = ${deps.tenantId} FOR SHARE`;
    const order = orders[0];
    if (!order) throw new NotFoundError('Order', String(input.orderId));
    if (!SHIPPABLE_ORDER_STATUSES.includes(order.status as never)) {
      throw new OrderNotShippableError(order.id, order.status, SHIPPABLE_ORDER_STATUSES);
    }
    const warehouseId = input.warehouseId ?? order.originWarehouseId;
    if (input.warehouseId != null) {
      const found = await tx.warehouse.count({ where: { id: input.warehouseId, tenantId: deps.tenantId } });
      if (!found) throw new NotFoundError('Warehouse', String(input.warehouseId));
    }
    // A key bound to warehouses: a shipment from one of them, of an order that involves its warehouses only.
    if (warehouseId != null) assertWarehousesAllowed(deps.viewer, [warehouseId]);
    await assertOrderWarehousesAllowed(tx, deps.viewer, order.id);
    if (input.courierId != null) await checkCourier(scope, deps.tenantId, input.courierId, ['courier']);
    const shipment = await tx.shipment.create({
      data: {
        tenantId: deps.tenantId,
        orderId: order.id,
        warehouseId,
        courierId: input.courierId ?? null,
        serviceName,
        trackingNumber,
        status: trackingNumber ? 'READY_TO_SHIP' : 'PENDING',
        shippingCost: input.shippingCost ? input.shippingCost.toFixed(2) : undefined,
        weightGrams: input.weightGrams ?? undefined,
        lengthCm: input.lengthCm ?? null,
        widthCm: input.widthCm ?? null,
        heightCm: input.heightCm ?? null,
      },
      select: { id: true, status: true, warehouseId: true, createdAt: true, updatedAt: true },
    });
    publishCreated(scope, deps.tenantId, order.id, shipment);
    publishTracked(scope, deps.tenantId, order.id, shipment);
    return { shipmentId: shipment.id };
  });
}

interface LockedShipment {
  id: number;
  orderId: number;
  status: ShipmentStatus;
  courierId: number | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
}

/** Locks the shipment row and checks the action may run from its status. */
async function lockShipment(scope: TransactionScope, deps: ShipmentDeps, shipmentId: number, action: ShipmentAction): Promise<LockedShipment> {
  const { tenantId } = deps;
  const rows = await scope.tx.$queryRaw<LockedShipment[]>`
    SELECT "id", "orderId", "status"::text AS "status", "courierId", "shippedAt", "deliveredAt"
      FROM "Shipment" WHERE "id" = ${shipmentId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const shipment = rows[0];
  if (!shipment) throw new NotFoundError('Shipment', String(shipmentId));
  if (!canRun(action, shipment.status)) {
    throw new InvalidShipmentStateError(shipment.id, action, shipment.status, SHIPMENT_ACTIONS[action].from);
  }
  // A key bound to warehouses: only shipments of orders that involve its warehouses only.
  await assertOrderWarehousesAllowed(scope.tx, deps.viewer, shipment.orderId);
  return shipment;
}

function publishTracked(scope: TransactionScope, tenantId: number, orderId: number, shipment: { id: number; status: string; updatedAt: Date }) {
  scope.publish('shipmentTracked', {
    tenantId,
    orderId,
    shipmentId: shipment.id,
    status: shipment.status,
    at: shipment.updatedAt.toISOString(),
  });
}

function publishCreated(scope: TransactionScope, tenantId: number, orderId: number, shipment: { id: number; status: string; warehouseId: number | null; createdAt: Date }) {
  scope.publish('shipmentCreated', {
    tenantId,
    orderId,
    shipmentId: shipment.id,
    warehouseId: shipment.warehouseId,
    status: shipment.status,
    at: shipment.createdAt.toISOString(),
  });
}

export interface ShipmentSetTrackingInput {
  shipmentId: number;
  courierId: number;
  trackingNumber: string;
  serviceName?: string | null;
}

/** Seed 002 "Add AWB number": courier, service and tracking number; a PENDING shipment becomes READY_TO_SHIP. */
export async function setTracking(deps: ShipmentDeps, input: ShipmentSetTrackingInput): Promise<{ shipmentId: number }> {
  const problems = new Problems();
  const trackingNumber = checkText(problems, ['trackingNumber'], input.trackingNumber, { required: true, max: 60 });
  const serviceName = checkText(problems, ['serviceName'], input.serviceName, { max: 50 }) || null;
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const shipment = await lockShipment(scope, deps, input.shipmentId, 'setTracking');
    await checkCourier(scope, deps.tenantId, input.courierId, ['courier']);
    const updated = await scope.tx.shipment.update({
      where: { id: shipment.id },
      data: {
        courierId: input.courierId,
        trackingNumber: trackingNumber!,
        serviceName,
        status: canRun('ready', shipment.status) ? SHIPMENT_ACTIONS.ready.to! : shipment.status,
      },
      select: { id: true, status: true, updatedAt: true },
    });
    publishTracked(scope, deps.tenantId, shipment.orderId, updated);
    return { shipmentId: shipment.id };
  });
}

export interface TrackingEventInput {
  status: string;
  location?: string | null;
  description?: string | null;
  occurredAt: Date;
}

/**
 * Courier updates. Steps already stored (same status word, time and location) are
 * skipped, so a courier may resend its whole history. The shipment status follows
 * the latest step that maps to one, never backwards.
 */
export async function appendTracking(
  deps: ShipmentDeps,
  input: { shipmentId: number; events: TrackingEventInput[] },
): Promise<{ shipmentId: number; appended: number }> {
  const now = Date.now();
  const problems = new Problems();
  if (!input.events.length) problems.add(['events'], 'must contain at least one tracking step');
  if (input.events.length > MAX_TRACKING_STEPS) problems.add(['events'], `must contain at most ${MAX_TRACKING_STEPS} tracking steps`);
  const events = input.events.map((e, i) => {
    const status = checkText(problems, ['events', i, 'status'], e.status, { required: true, max: 50 });
    const location = checkText(problems, ['events', i, 'location'], e.location, { max: 200 }) || null;
    const description = checkText(problems, ['events', i, 'description'], e.description, { max: 1000 }) || null;
    if (e.occurredAt.getTime() > now + FUTURE_TOLERANCE_MS) problems.add(['events', i, 'occurredAt'], 'must not be in the future');
    return { status: status!, location, description, occurredAt: e.occurredAt };
  });
  problems.throwIfAny();

  return transaction(deps, async (scope) => {
    const { tx } = scope;
    const shipment = await lockShipment(scope, deps, input.shipmentId, 'appendTracking');
    const stored = await tx.shipmentEvent.findMany({
      where: { shipmentId: shipment.id },
      select: { status: true, location: true, occurredAt: true },
    });
    const seen = new Set(stored.map(stepKey));
    const fresh = events.filter((e) => {
      const key = stepKey(e);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length) {
      await tx.shipmentEvent.createMany({ data: fresh.map((e) => ({ tenantId: deps.tenantId, shipmentId: shipment.id, ...e })) });
    }
    const next = trackedStatus(shipment.status, fresh);
    const updated = await tx.shipment.update({
      where: { id: shipment.id },
      data: {
        status: next.status,
        shippedAt: shipment.shippedAt ?? next.shippedAt ?? undefined,
        deliveredAt: next.status === 'DELIVERED' ? (shipment.deliveredAt ?? next.deliveredAt ?? new Date()) : undefined,
      },
      select: { id: true, status: true, updatedAt: true },
    });
    if (fresh.length) publishTracked(scope, deps.tenantId, shipment.orderId, updated);
    return { shipmentId: shipment.id, appended: fresh.length };
  });
}

function stepKey(e: { status: string; location: string | null; occurredAt: Date }) {
  return `${e.status}\u0000${e.location ?? ''}\u0000${e.occurredAt.getTime()}`;
}

export interface PickupRequestInput {
  shipmentId: number;
  pickupOption?: PickupOption | null;
  slotStart?: Date | null;
  slotEnd?: Date | null;
  note?: string | null;
}

/** Seed 002 pickup request / seed 001 pickup option: asks the courier to collect the package. */
export async function requestPickup(deps: ShipmentDeps, input: PickupRequestInput): Promise<{ shipmentId: number }> {
  const problems = new Problems();
  const hasSlot = input.slotStart != null || input.slotEnd != null;
  if (!input.pickupOption && !hasSlot) problems.add([], 'give a pickupOption or a slot (slotStart and slotEnd)');
  if (hasSlot) {
    if (input.slotStart == null) problems.add(['slotStart'], 'is required with slotEnd');
    if (input.slotEnd == null) problems.add(['slotEnd'], 'is required with slotStart');
    if (input.slotStart && input.slotEnd && input.slotEnd <= input.slotStart) problems.add(['slotEnd'], 'must be after slotStart');
  }
  const note = checkText(problems, ['note'], input.note, { max: 500 }) || null;
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const shipment = await lockShipment(scope, deps, input.shipmentId, 'requestPickup');
    if (shipment.courierId == null) new Problems().add(['shipment'], 'has no courier: set the tracking (courier) first').throwIfAny();
    const now = new Date();
    const updated = await scope.tx.shipment.update({
      where: { id: shipment.id },
      data: {
        status: SHIPMENT_ACTIONS.requestPickup.to!,
        pickupOption: input.pickupOption ?? null,
        pickupSlotStart: input.slotStart ?? null,
        pickupSlotEnd: input.slotEnd ?? null,
        pickupRequestedAt: now,
        pickupCancelledAt: null,
        events: {
          create: {
            tenantId: deps.tenantId,
            status: 'pickup_requested',
            description: [input.pickupOption, note].filter(Boolean).join(': ') || null,
            occurredAt: now,
          },
        },
      },
      select: { id: true, status: true, updatedAt: true },
    });
    publishTracked(scope, deps.tenantId, shipment.orderId, updated);
    return { shipmentId: shipment.id };
  });
}

/** Seed 002 cancel pickup: the request is withdrawn and the shipment is ready to ship again. */
export async function cancelPickup(deps: ShipmentDeps, input: { shipmentId: number; reason?: string | null }): Promise<{ shipmentId: number }> {
  const problems = new Problems();
  const reason = checkText(problems, ['reason'], input.reason, { max: 500 }) || null;
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const shipment = await lockShipment(scope, deps, input.shipmentId, 'cancelPickup');
    const now = new Date();
    const updated = await scope.tx.shipment.update({
      where: { id: shipment.id },
      data: {
        status: SHIPMENT_ACTIONS.cancelPickup.to!,
        pickupCancelledAt: now,
        events: { create: { tenantId: deps.tenantId, status: 'pickup_cancelled', description: reason, occurredAt: now } },
      },
      select: { id: true, status: true, updatedAt: true },
    });
    publishTracked(scope, deps.tenantId, shipment.orderId, updated);
    return { shipmentId: shipment.id };
  });
}

/** Records that the shipping label was printed: on the shipment, and on its order (seed 002 is_print). */
export async function markLabelPrinted(deps: ShipmentDeps, input: { shipmentId: number }): Promise<{ shipmentId: number }> {
  return transaction(deps, async (scope) => {
    const shipment = await lockShipment(scope, deps, input.shipmentId, 'markLabelPrinted');
    const now = new Date();
    await scope.tx.shipment.update({ where: { id: shipment.id }, data: { labelPrintedAt: now, labelPrintedBy: deps.viewer.actor } });
    await scope.tx.order.update({
      where: { id: shipment.orderId },
      data: { printedAt: now, printedBy: deps.viewer.actor, version: { increment: 1 } },
    });
    return { shipmentId: shipment.id };
  });
}

export interface OrderHandOverInput {
  orderId: number;
  /** The warehouses the order ships from; one shipment each (null: no warehouse). */
  warehouseIds: Array<number | null>;
  pickupOption: PickupOption | null;
  courierId?: number | null;
  serviceName?: string | null;
  trackingNumber?: string | null;
  /** What fills a shipment's courier, service and tracking number when neither the call nor the shipment has one. */
  defaults?: { courierId: number | null; serviceName: string | null; trackingNumber: string | null };
}

const NOT_HANDED_OVER = ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED'] as const satisfies readonly ShipmentStatus[];

/**
 * An order is handed to the courier (it ships): one shipment per warehouse it
 * ships from (an AWB per package), now IN_TRANSIT. A shipment made earlier for
 * that warehouse (label printed, pickup requested) is reused, not duplicated;
 * courier and tracking number given here fill it in. Runs in the caller's
 * transaction (the order's transition).
 */
export async function handOverOrderShipments(scope: TransactionScope, tenantId: number, input: OrderHandOverInput): Promise<void> {
  const { tx } = scope;
  const now = new Date();
  const given = {
    ...(input.courierId != null ? { courierId: input.courierId } : {}),
    ...(input.serviceName ? { serviceName: input.serviceName } : {}),
    ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
  };
  for (const warehouseId of input.warehouseIds) {
    const open = await tx.shipment.findFirst({
      where: { orderId: input.orderId, warehouseId, status: { in: [...NOT_HANDED_OVER] } },
      orderBy: { id: 'asc' },
      select: { id: true, courierId: true, serviceName: true, trackingNumber: true },
    });
    if (open) {
      await tx.shipment.update({ where: { id: open.id }, data: { ...defaultsFor(input.defaults, open), ...given, status: 'IN_TRANSIT', shippedAt: now } });
      continue;
    }
    const created = await tx.shipment.create({
      data: {
        tenantId,
        orderId: input.orderId,
        warehouseId,
        ...defaultsFor(input.defaults, {}),
        ...given,
        pickupOption: input.pickupOption,
        status: 'IN_TRANSIT',
        shippedAt: now,
      },
      select: { id: true, status: true, warehouseId: true, createdAt: true },
    });
    publishCreated(scope, tenantId, input.orderId, created);
  }
}

/** The defaults a shipment does not already have. */
function defaultsFor(
  defaults: OrderHandOverInput['defaults'],
  has: { courierId?: number | null; serviceName?: string | null; trackingNumber?: string | null },
): { courierId?: number; serviceName?: string; trackingNumber?: string } {
  if (!defaults) return {};
  return {
    ...(defaults.courierId != null && has.courierId == null ? { courierId: defaults.courierId } : {}),
    ...(defaults.serviceName && !has.serviceName && has.courierId == null ? { serviceName: defaults.serviceName } : {}),
    ...(defaults.trackingNumber && !has.trackingNumber ? { trackingNumber: defaults.trackingNumber } : {}),
  };
}
