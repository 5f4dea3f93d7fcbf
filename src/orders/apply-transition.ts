// applyTransition: the only writer of Order.status. In one transaction it moves
// the order with a conditional UPDATE (status still one the transition leaves
// from, and the client's expectedVersion when given), bumps the version, stamps
// the step's time, runs the table's effects (stock, shipments, returns, ...) and
// appends the OrderEvent, which queues the live event for after commit. Any
// typed error (insufficient stock, validation, ...) rolls all of it back.
// Packing and shipping wait while a cancellation request is open
// (CancellationRequestOpenError); one past its deadline is expired first.
// A transition whose move waits for a condition (`movesWhen`: a return moves the
// order to RETURNED only when everything shipped came back) takes the same lock
// with the status unchanged, runs its effects, moves only when the condition
// holds, and then writes its event with the status it ended in.
import type { OrderKind, OrderStatus, PickupOption } from '../db/generated/prisma/enums.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { oneStatement, transaction, type TransactionScope } from '../db/transaction.js';
import { isUniqueViolation } from '../db/faults.js';
import { assertOrderWarehousesAllowed } from '../auth/key-scope.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { EFFECTS } from './effects/effect-registry.js';
import type { TransitionInput } from './effects/effect-context.js';
import { expireOverdueCancellationRequests } from './cancellation-request-expiry.js';
import { CancellationRequestOpenError, InvalidTransitionError, VersionConflictError } from './errors.js';
import { appendOrderEvent, transitionEvent } from './order-event-log.js';
import { checkRefundInput } from '../payments/payment-service.js';
import type { OrderWriteDeps } from './order-create-service.js';
import type { StatementTail } from './order-insert.js';
import { appliesToKind, assertApplicable, canLeave, draftMayTake, rule } from './state-machine.js';
import { heldByOpenCancellationRequest, ORDER_KINDS, type TransitionCondition, type TransitionName } from './transitions.js';

/** The column each target status stamps. */
const STEP_TIMESTAMP: Partial<Record<OrderStatus, keyof Prisma.OrderUpdateManyMutationInput>> = {
  CONFIRMED: 'confirmedAt',
  PROCESSING: 'processedAt',
  PACKED: 'packedAt',
  SHIPPED: 'shippedAt',
  COMPLETED: 'completedAt',
  CANCELLED: 'cancelledAt',
  RETURNED: 'returnedAt',
};

/** The order as the transition's move found it: what the checks and effects read. */
interface MovedOrder {
  id: number;
  code: string;
  status: OrderStatus;
  kind: OrderKind;
  isDraft: boolean;
  version: number;
  originWarehouseId: number | null;
  destinationWarehouseId: number | null;
  pickupOption: PickupOption | null;
}

/**
 * The move: $1 order, $2 tenant, $3 new status (null: unchanged), $4 the statuses it leaves
 * from, $5 the expected version (null: any). Raw: Prisma's read and conditional update were
 * two statements, each planned and interpreted here, on every transition.
 */
function moveSql(stamp: string | undefined): string {
  return (MOVE_SQL[stamp ?? ''] ??= `
  WITH "old" AS (
    SELECT "id", "code", "status", "kind", "isDraft", "version", "originWarehouseId", "destinationWarehouseId", "pickupOption"
      FROM "Order" WHERE "id" = $1 AND "tenantId" = $2 FOR NO KEY UPDATE
  )
  UPDATE "Order" o
     SET "status" = coalesce($3::text::"OrderStatus", o."status"), "version" = o."version" + 1, "updatedAt" = now()${stamp ? `, "${stamp}" = now()` : ''}
    FROM "old"
   WHERE o."id" = "old"."id" AND o."status"::text = ANY($4::text[]) AND ($5::int IS NULL OR o."version" = $5::int)
  RETURNING "old"."id", "old"."code", "old"."status"::text AS "status", "old"."kind"::text AS "kind", "old"."isDraft", "old"."version",
            "old"."originWarehouseId", "old"."destinationWarehouseId", "old"."pickupOption"::text AS "pickupOption"`);
}
const MOVE_SQL: Record<string, string> = {};

/**
 * A transition with nothing to run but the move (no effects, no condition, no check that
 * reads): the move with the applicability checks in its WHERE ($6 the kinds it applies to;
 * a draft is never moved by one), its event and outbox rows, in one statement sent alone
 * (oneStatement), the event's CTEs numbered from $7. Its rows: none when nothing moved.
 */
function moveAloneSql(stamp: string | undefined, tail: StatementTail): { sql: string; params: unknown[] } {
  const event = tail.ctes(7);
  const sql = `
  WITH "old" AS (
    SELECT "id", "status" FROM "Order" WHERE "id" = $1 AND "tenantId" = $2 FOR NO KEY UPDATE
  ), "o" AS (
    UPDATE "Order" o
       SET "status" = $3::text::"OrderStatus", "version" = o."version" + 1, "updatedAt" = now()${stamp ? `, "${stamp}" = now()` : ''}
      FROM "old"
     WHERE o."id" = "old"."id" AND o."status"::text = ANY($4::text[]) AND ($5::int IS NULL OR o."version" = $5::int)
       AND NOT o."isDraft" AND o."kind"::text = ANY($6::text[])
    RETURNING "old"."id", "old"."status"
  ), ${event.ctes.join(',\n  ')}
  SELECT "o"."id", "o"."status"::text AS "status", ${tail.columns} FROM "o", ${tail.from}`;
  return { sql, params: event.params };
}

/** Moves alone (moveAloneSql) when the transition and the caller need nothing else in its transaction. */
function movesAlone(deps: OrderWriteDeps, request: TransitionRequest): boolean {
  const transition = rule(request.transition);
  return (
    transition.effects.length === 0 &&
    transition.movesWhen == null &&
    // The statement never moves a draft.
    !draftMayTake(request.transition) &&
    !heldByOpenCancellationRequest(request.transition) &&
    request.input?.courierId == null &&
    // A key bound to warehouses reads the order's warehouses before it may move it.
    deps.viewer.scope?.warehouseIds === undefined
  );
}

/** Sequence collisions (an event written by a commit the statement's snapshot missed) are run again this often. */
const MOVE_ALONE_ATTEMPTS = 3;

async function moveAlone(deps: OrderWriteDeps, request: TransitionRequest): Promise<TransitionResult> {
  const { tenantId } = deps;
  const name = request.transition;
  const transition = rule(name);
  const input = request.input ?? {};
  for (let attempt = 1; ; attempt++) {
    try {
      return await oneStatement(deps, async (scope) => {
        const event = transitionEvent(scope, {
          tenantId,
          orderId: request.orderId,
          type: name,
          toStatus: transition.to,
          actor: deps.viewer.actor,
          reason: input.cancelReason ?? input.reason ?? null,
          note: input.note ?? null,
          requestId: deps.requestId ?? null,
        });
        const statement = moveAloneSql(STEP_TIMESTAMP[transition.to], event.tail);
        const [moved] = await scope.tx.$queryRawUnsafe<Array<{ id: number; status: OrderStatus; eventId: number; eventSequence: number; eventCreatedAt: Date }>>(
          statement.sql,
          request.orderId,
          tenantId,
          transition.to,
          [...transition.from],
          request.expectedVersion ?? null,
          ORDER_KINDS.filter((kind) => appliesToKind(name, kind)),
          ...statement.params,
        );
        // Nothing moved, nothing written: the refusal, read from the order as it is (throws, so no event leaves).
        if (!moved) return refuseMove(deps.prisma, tenantId, request);
        event.finish(moved);
        return { orderId: moved.id, eventId: moved.eventId };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MOVE_ALONE_ATTEMPTS) throw error;
    }
  }
}

/** Why the order did not move, from the order as it is now: always throws. */
async function refuseMove(db: Pick<TransactionScope['tx'], 'order'>, tenantId: number, request: TransitionRequest): Promise<never> {
  const name = request.transition;
  const transition = rule(name);
  const expected = request.expectedVersion;
  const now = await db.order.findFirst({ where: { id: request.orderId, tenantId }, select: { id: true, status: true, kind: true, isDraft: true, version: true } });
  if (!now) throw new NotFoundError('Order', String(request.orderId));
  // A stale version first: the client decided on a state that is gone.
  if (expected != null && now.version !== expected) throw new VersionConflictError(now.id, expected, now.version);
  assertApplicable(now, name);
  if (!canLeave(name, now.status)) throw new InvalidTransitionError(now.id, name, now.status, now.kind, transition.from);
  throw new VersionConflictError(now.id, expected ?? now.version, now.version);
}

export interface TransitionRequest {
  orderId: number;
  transition: TransitionName;
  expectedVersion?: number | null;
  input?: TransitionInput;
}

export interface TransitionResult {
  orderId: number;
  eventId: number;
}

/** Found inside the transaction: the order's open cancellation request is past its deadline (expire it, then try again). */
class OverdueCancellationRequest extends Error {
  constructor(readonly orderId: number, readonly requestId: number) {
    super(`Cancellation request ${requestId} of order ${orderId} is past its deadline`);
  }
}

export async function applyTransition(deps: OrderWriteDeps, request: TransitionRequest): Promise<TransitionResult> {
  const input = checkInput(request.transition, request.input ?? {});
  const checked = { ...request, input };
  if (movesAlone(deps, checked)) return moveAlone(deps, checked);
  const run = () => transaction(deps, (scope) => applyTransitionInScope(scope, deps, checked));
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof OverdueCancellationRequest)) throw error;
    // Rare path: the request expired while nobody looked. Settle it (its own transaction), then decide again.
    await expireOverdueCancellationRequests(deps, { orderId: error.orderId });
    try {
      return await run();
    } catch (again) {
      if (again instanceof OverdueCancellationRequest) throw new CancellationRequestOpenError(again.orderId, again.requestId, request.transition);
      throw again;
    }
  }
}

/** The same, inside a transaction the caller holds (cancellation approval runs `cancel` this way). */
export async function applyTransitionInScope(scope: TransactionScope, deps: OrderWriteDeps, request: TransitionRequest): Promise<TransitionResult> {
  const { tenantId } = deps;
  const { tx } = scope;
  const input = request.input ?? {};
  const name = request.transition;
  const transition = rule(name);
  const stamp = STEP_TIMESTAMP[transition.to];
  const conditional = transition.movesWhen != null;
  const expected = request.expectedVersion;
  // The move first, in one statement: it locks the order, moves it only from a status the
  // transition leaves from (and the client's version, when given) and returns the order as it
  // was. The checks that follow refuse by throwing, which rolls the move back with the rest.
  const [order] = await tx.$queryRawUnsafe<MovedOrder[]>(
    moveSql(conditional ? undefined : stamp),
    request.orderId,
    tenantId,
    conditional ? null : transition.to,
    [...transition.from],
    expected ?? null,
  );
  // Not moved: say why, from the order as it is now.
  if (!order) return refuseMove(tx, tenantId, request);
  assertApplicable(order, name);
  // A key bound to warehouses: only orders that involve its warehouses only (again after the effects, below).
  await assertOrderWarehousesAllowed(tx, deps.viewer, order.id);
  if (input.courierId != null) {
    const courier = await tx.courier.findFirst({ where: { id: input.courierId, tenantId }, select: { isActive: true } });
    if (!courier) throw new NotFoundError('Courier', String(input.courierId));
    if (!courier.isActive) new Problems().add(['courier'], 'is inactive; choose an active courier').throwIfAny();
  }
  if (heldByOpenCancellationRequest(name)) {
    // After the conditional UPDATE: it waited for a request being made on this order to commit, so this read sees it.
    const open = await tx.cancellationRequest.findFirst({
      where: { orderId: order.id, status: 'REQUESTED' },
      select: { id: true, deadlineAt: true },
      orderBy: { id: 'desc' },
    });
    if (open && open.deadlineAt <= new Date()) throw new OverdueCancellationRequest(order.id, open.id);
    if (open) throw new CancellationRequestOpenError(order.id, open.id, name);
  }

  const actor = deps.viewer.actor;
  const writeEvent = (toStatus: OrderStatus) =>
    appendOrderEvent(scope, {
      tenantId,
      orderId: order.id,
      type: name,
      fromStatus: order.status,
      toStatus,
      actor,
      reason: input.cancelReason ?? input.reason ?? null,
      note: input.note ?? null,
      requestId: deps.requestId ?? null,
    });
  const runEffects = async (to: OrderStatus) => {
    for (const effect of transition.effects) {
      await EFFECTS[effect]({ scope, tenantId, actor, transition: name, from: order.status, to, order, input });
    }
  };
  if (transition.movesWhen != null) {
    // Where it ends is known only after the effects: they run first (told the status it moves to
    // if the condition holds), the event records the outcome.
    await runEffects(transition.to);
    await assertOrderWarehousesAllowed(tx, deps.viewer, order.id);
    let to: OrderStatus = order.status;
    if (await CONDITIONS[transition.movesWhen](tx, order.id)) {
      await tx.order.update({ where: { id: order.id }, data: { status: transition.to, ...(stamp ? { [stamp]: new Date() } : {}) } });
      to = transition.to;
    }
    const event = await writeEvent(to);
    return { orderId: order.id, eventId: event.id };
  }
  // The event first and the effects last: stock rows are the contended ones, so
  // their locks are taken as late as possible and held only until COMMIT.
  const event = await writeEvent(transition.to);
  await runEffects(transition.to);
  // What the effects added (allocations, shipments) must be in the key's warehouses too; a refusal rolls all of it back.
  await assertOrderWarehousesAllowed(tx, deps.viewer, order.id);
  return { orderId: order.id, eventId: event.id };
}

/** The conditions a transition's move may wait for, read after its effects ran. */
const CONDITIONS: Record<TransitionCondition, (tx: TransactionScope['tx'], orderId: number) => Promise<boolean>> = {
  fullyReturned: async (tx, orderId) => (await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { returnStatus: true } })).returnStatus === 'FULL',
};

/**
 * Shape checks that need no database: required fields of the table entry, text
 * lengths, quantities. Every problem is reported at once, paths relative to the input.
 */
export function checkInput(name: TransitionName, input: TransitionInput): TransitionInput {
  const problems = new Problems();
  for (const spec of rule(name).input) {
    const value = input[spec.key];
    if (spec.required && (value == null || (typeof value === 'string' && !value.trim()))) problems.add([spec.name], 'is required');
  }
  const text = (key: 'note' | 'reason' | 'serviceName' | 'trackingNumber' | 'returnBy', max: number) => {
    const spec = rule(name).input.find((s) => s.key === key);
    return checkText(problems, [spec?.name ?? key], input[key], { max });
  };
  const checked: TransitionInput = {
    ...input,
    note: text('note', 1000) ?? null,
    reason: text('reason', 500) ?? null,
    serviceName: text('serviceName', 100) ?? null,
    trackingNumber: text('trackingNumber', 100) ?? null,
    returnBy: text('returnBy', 100) ?? null,
  };
  if ((input.allocations?.length ?? 0) > 500) problems.add(['allocations'], 'at most 500 entries');
  if ((input.returnLines?.length ?? 0) > 500) problems.add(['lines'], 'at most 500 entries');
  if ((input.receivedLines?.length ?? 0) > 500) problems.add(['lines'], 'at most 500 entries');
  problems.throwIfAny();
  if (input.refund) {
    // The refund's own checks (amount, reference), its problems under `refund`; its reason is the return's.
    const refund = checkRefundInput({ orderId: 0, amount: input.refund.amount, reason: checked.reason ?? 'return', reference: input.refund.reference ?? null }, ['refund']);
    checked.refund = { ...input.refund, reference: refund.reference ?? null };
  }
  return checked;
}
