// Cancellation requests (seed 001): a buyer or channel asks, staff approve (the
// order is cancelled in the same transaction, through applyTransition) or reject,
// before the request's deadline (requested time + the tenant's
// cancellationRequestDeadlineMinutes); past it the request expires
// (cancellation-request-expiry.ts), which is settled first, in its own
// transaction, whenever the order's requests are acted on. Each step bumps the
// order's version and writes an OrderEvent that keeps the status, so the order's
// history shows the request and the decision.
import type { CancellationRequester, CancelReason, CancellationRequestStatus } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { applyTransitionInScope } from './apply-transition.js';
import { CancellationRequestOpenError, InvalidTransitionError, NoOpenCancellationRequestError, OrderIsDraftError, VersionConflictError } from './errors.js';
import { appendOrderEvent } from './order-event-log.js';
import type { OrderWriteDeps } from './order-create-service.js';
import { cancellationRequestMachine } from './cancellation-request-lifecycle.js';
import { expireOverdueCancellationRequests } from './cancellation-request-expiry.js';
import { CANCELLATION_REQUEST_TRANSITIONS, type CancellationRequestTransitionName } from './transitions.js';

export interface CancellationRequestCommand {
  orderId: number;
  expectedVersion?: number | null;
  note?: string | null;
  /** request only */
  reason?: CancelReason | null;
  requestedBy?: CancellationRequester | null;
}

export interface CancellationRequestResult {
  orderId: number;
  requestId: number;
}

/** The transitions a caller runs (expire is the deadline's). */
export type CancellationRequestMutationName = Exclude<CancellationRequestTransitionName, 'expire'>;

const EVENT_TYPE: Record<CancellationRequestMutationName, string> = {
  request: 'cancellationRequest',
  approve: 'cancellationApprove',
  reject: 'cancellationReject',
};

export async function runCancellationRequestTransition(
  deps: OrderWriteDeps,
  name: CancellationRequestMutationName,
  command: CancellationRequestCommand,
): Promise<CancellationRequestResult> {
  const problems = new Problems();
  const note = checkText(problems, ['note'], command.note, { max: 1000 }) ?? null;
  if (name === 'request' && !command.reason) problems.add(['reason'], 'is required');
  problems.throwIfAny();
  const rule = CANCELLATION_REQUEST_TRANSITIONS[name];
  // A request past its deadline is no longer open: it expires (and the order is cancelled) before anything is decided.
  await expireOverdueCancellationRequests(deps, { orderId: command.orderId });
  return transaction(deps, async (scope) => {
    const { tx } = scope;
    // The order's row locked first: a payment or transition committing meanwhile is waited for, not
    // reported as a VersionConflictError to a client that named no version (the writes below compare it).
    await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "id" = ${command.orderId} AND "tenantId" = ${deps.tenantId} FOR UPDATE`;
    const order = await tx.order.findFirst({
      where: { id: command.orderId, tenantId: deps.tenantId },
      select: { id: true, status: true, kind: true, isDraft: true, version: true },
    });
    if (!order) throw new NotFoundError('Order', String(command.orderId));
    if (order.isDraft) throw new OrderIsDraftError(order.id, EVENT_TYPE[name]);
    if (!(rule.orderFrom as readonly string[]).includes(order.status)) {
      throw new InvalidTransitionError(order.id, EVENT_TYPE[name], order.status, order.kind, rule.orderFrom);
    }
    if (command.expectedVersion != null && command.expectedVersion !== order.version) {
      throw new VersionConflictError(order.id, command.expectedVersion, order.version);
    }
    const open = await tx.cancellationRequest.findFirst({ where: { orderId: order.id, status: 'REQUESTED' }, orderBy: { id: 'desc' } });
    const current: CancellationRequestStatus | null = open ? 'REQUESTED' : null;
    if (!cancellationRequestMachine.can(current, name)) {
      if (open) throw new CancellationRequestOpenError(order.id, open.id);
      throw new NoOpenCancellationRequestError(order.id);
    }
    const actor = deps.viewer.actor;
    if (name === 'request') {
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: deps.tenantId }, select: { cancellationRequestDeadlineMinutes: true } });
      const requestedAt = new Date();
      const deadlineAt = new Date(requestedAt.getTime() + tenant.cancellationRequestDeadlineMinutes * 60_000);
      const created = await tx.cancellationRequest.create({
        data: { tenantId: deps.tenantId, orderId: order.id, requestedBy: command.requestedBy ?? 'BUYER', reason: command.reason!, note, createdAt: requestedAt, deadlineAt },
      });
      await touchOrder(scope, deps, order, EVENT_TYPE[name], command.reason!, note);
      scope.publish('cancellationRequested', {
        tenantId: deps.tenantId,
        orderId: order.id,
        requestId: created.id,
        requestedBy: created.requestedBy,
        reason: created.reason,
        note,
        deadlineAt: deadlineAt.toISOString(),
        actor,
        at: requestedAt.toISOString(),
      });
      return { orderId: order.id, requestId: created.id };
    }
    // Approve or reject: the open request is decided exactly once (conditional update).
    const decidedAt = new Date();
    const decided = await tx.cancellationRequest.updateMany({
      where: { id: open!.id, status: 'REQUESTED' },
      data: { status: rule.to, decidedAt, decidedBy: actor },
    });
    if (decided.count !== 1) throw new NoOpenCancellationRequestError(order.id);
    scope.publish('cancellationDecided', {
      tenantId: deps.tenantId,
      orderId: order.id,
      requestId: open!.id,
      decision: rule.to as 'APPROVED' | 'REJECTED',
      decidedBy: actor,
      reason: open!.reason,
      note,
      at: decidedAt.toISOString(),
    });
    if (rule.orderTransition === 'cancel') {
      await applyTransitionInScope(scope, deps, {
        orderId: order.id,
        transition: 'cancel',
        expectedVersion: command.expectedVersion ?? order.version,
        input: { cancelReason: open!.reason, note: note ?? open!.note },
      });
    } else {
      await touchOrder(scope, deps, order, EVENT_TYPE[name], open!.reason, note);
    }
    return { orderId: order.id, requestId: open!.id };
  });
}

/** Bumps the version (compare-and-set) and writes a history event that keeps the status. */
async function touchOrder(
  scope: TransactionScope,
  deps: OrderWriteDeps,
  order: { id: number; status: import('../db/generated/prisma/enums.js').OrderStatus; version: number },
  type: string,
  reason: string,
  note: string | null,
): Promise<void> {
  const bumped = await scope.tx.order.updateMany({ where: { id: order.id, version: order.version }, data: { version: { increment: 1 } } });
  if (bumped.count !== 1) {
    const now = await scope.tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { version: true } });
    throw new VersionConflictError(order.id, order.version, now.version);
  }
  await appendOrderEvent(scope, {
    tenantId: deps.tenantId,
    orderId: order.id,
    type,
    fromStatus: order.status,
    toStatus: order.status,
    actor: deps.viewer.actor,
    reason,
    note,
    requestId: deps.requestId ?? null,
  });
}
