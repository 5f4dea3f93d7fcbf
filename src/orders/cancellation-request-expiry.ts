// Cancellation requests past their deadline (seed 001 cancel_sla_at) expire: the
// lifecycle's `expire` row (REQUESTED -> EXPIRED) runs the order's `cancel`, so the
// cancellation is granted as if approved, by the system actor. Each request expires
// in a transaction of its own: the request's status, the order's cancellation, its
// stock release and its event commit together or not at all. It happens lazily
// (before a request is listed or its order is written) and in the server's
// periodic sweep (startCancellationExpirySweep), whichever comes first; the
// conditional update decides each request exactly once.
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { transaction, type TransactionScope } from '../db/transaction.js';
import { tenantNeutral, withTenant } from '../db/tenant-scope.js';
import type { EventBus } from '../events/topics.js';
import { applyTransitionInScope } from './apply-transition.js';
import { cancellationRequestMachine } from './cancellation-request-lifecycle.js';
import { VersionConflictError } from './errors.js';
import { appendOrderEvent } from './order-event-log.js';
import type { OrderWriteDeps } from './order-create-service.js';
import { CANCELLATION_DEADLINE_ACTOR, CANCELLATION_REQUEST_TRANSITIONS, TRANSITIONS } from './transitions.js';
import { everyInterval } from '../shared/periodic.js';

/** Requests expired per tenant and round; the rest wait for the next read or round. */
const BATCH = 100;

/** The deps of the system actor: the deadline, not the caller, decides. */
function deadlineDeps(deps: OrderWriteDeps): OrderWriteDeps {
  return { ...deps, viewer: { actor: CANCELLATION_DEADLINE_ACTOR } };
}

/**
 * Expires one request when it is still open and past its deadline at `now`;
 * false when someone decided first (or the deadline moved). Inside the caller's transaction.
 */
export async function expireCancellationRequestInScope(scope: TransactionScope, deps: OrderWriteDeps, requestId: number, now: Date): Promise<boolean> {
  const { tx } = scope;
  const rule = CANCELLATION_REQUEST_TRANSITIONS.expire;
  const system = deadlineDeps(deps);
  const request = await tx.cancellationRequest.findFirst({
    where: { id: requestId, tenantId: deps.tenantId },
    select: { id: true, orderId: true, status: true, reason: true, note: true, deadlineAt: true },
  });
  if (!request || !cancellationRequestMachine.can(request.status, 'expire') || request.deadlineAt > now) return false;
  const order = await tx.order.findFirst({ where: { id: request.orderId, tenantId: deps.tenantId }, select: { id: true, status: true, version: true } });
  if (!order) return false;
  const decided = await tx.cancellationRequest.updateMany({
    where: { id: request.id, status: 'REQUESTED', deadlineAt: { lte: now } },
    data: { status: rule.to, decidedAt: now, decidedBy: CANCELLATION_DEADLINE_ACTOR },
  });
  if (decided.count !== 1) return false;
  scope.publish('cancellationDecided', {
    tenantId: deps.tenantId,
    orderId: order.id,
    requestId: request.id,
    decision: 'EXPIRED',
    decidedBy: CANCELLATION_DEADLINE_ACTOR,
    reason: request.reason,
    note: request.note,
    at: now.toISOString(),
  });
  const cancellable = (TRANSITIONS[rule.orderTransition].from as readonly string[]).includes(order.status);
  if (cancellable) {
    await applyTransitionInScope(scope, system, {
      orderId: order.id,
      transition: rule.orderTransition,
      input: { cancelReason: request.reason, note: request.note },
    });
  } else {
    // Shipped before it could be decided (requests made before deadlines existed): the request only closes.
    const bumped = await tx.order.updateMany({ where: { id: order.id, version: order.version }, data: { version: { increment: 1 } } });
    if (bumped.count !== 1) {
      const current = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { version: true } });
      throw new VersionConflictError(order.id, order.version, current.version);
    }
    await appendOrderEvent(scope, {
      tenantId: deps.tenantId,
      orderId: order.id,
      type: 'cancellationExpire',
      fromStatus: order.status,
      toStatus: order.status,
      actor: CANCELLATION_DEADLINE_ACTOR,
      reason: request.reason,
      note: request.note,
      requestId: deps.requestId ?? null,
    });
  }
  return true;
}

export interface ExpiryScope {
  /** Only this order's requests (before a write to it). */
  orderId?: number;
  /** The clock; now by default. */
  now?: Date;
  /** At most this many (default BATCH). */
  limit?: number;
}

/**
 * Expires the tenant's open requests past their deadline, each in its own
 * transaction. A request whose expiry fails (the order changed under it) is left
 * open and reported to the log; the next read or round tries again. Returns how many expired.
 */
export async function expireOverdueCancellationRequests(deps: OrderWriteDeps, scope: ExpiryScope = {}): Promise<number> {
  const now = scope.now ?? new Date();
  const overdue = await deps.prisma.cancellationRequest.findMany({
    where: { tenantId: deps.tenantId, status: 'REQUESTED', deadlineAt: { lte: now }, ...(scope.orderId != null ? { orderId: scope.orderId } : {}) },
    select: { id: true },
    orderBy: [{ deadlineAt: 'asc' }, { id: 'asc' }],
    take: scope.limit ?? BATCH,
  });
  let expired = 0;
  for (const { id } of overdue) {
    try {
      if (await transaction(deps, (tx) => expireCancellationRequestInScope(tx, deps, id, now))) expired++;
    } catch (error) {
      deps.log.error({ err: error, cancellationRequestId: id }, 'cancellation request expiry failed; it stays open for the next try');
    }
  }
  return expired;
}

export interface ExpirySweepDeps {
  db: Database;
  events: EventBus;
  log: Logger;
  /** Milliseconds between rounds; 0 = no sweep. */
  intervalMs: number;
}

export interface ExpirySweep {
  /**
   * Runs one round now (tests; the timer runs rounds by itself), as if the clock said `now`;
   * with `tenants`, for those tenants only (a test file's own: test files share one
   * PostgreSQL database). Resolves with the number of requests expired.
   */
  runOnce(now?: Date, tenants?: ReadonlySet<number>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The periodic sweep: every intervalMs, for each tenant with overdue requests
 * (asked as the owner, through a SECURITY DEFINER function), expires them inside
 * that tenant's wall. Several instances may run it: each request is decided once.
 */
export function startCancellationExpirySweep(deps: ExpirySweepDeps): ExpirySweep {
  const { db, events, log } = deps;
  let running: Promise<number> | undefined;
  let busy = false;
  let stopped = false;

  async function round(now = new Date(), only?: ReadonlySet<number>): Promise<number> {
    const tenants = await tenantNeutral(() =>
      db.sql.query<{ tenantId: number }>('SELECT "tenantId" FROM cancellation_tenants_with_overdue($1::timestamptz)', [now.toISOString()]),
    );
    let expired = 0;
    for (const { tenantId } of tenants) {
      if (stopped) break;
      if (only && !only.has(tenantId)) continue;
      const prisma = db.forTenant(tenantId);
      expired += await withTenant(tenantId, () =>
        expireOverdueCancellationRequests({ prisma, events, log, tenantId, viewer: { actor: CANCELLATION_DEADLINE_ACTOR } }, { now }),
      );
    }
    if (expired) log.info({ expired }, 'cancellation requests expired');
    return expired;
  }

  function runOnce(now?: Date, only?: ReadonlySet<number>): Promise<number> {
    // One round at a time; a caller during a round waits for it and then runs its own.
    const next = (running ?? Promise.resolve(0))
      .catch(() => 0)
      .then(async () => {
        busy = true;
        try {
          return await round(now, only);
        } finally {
          busy = false;
        }
      });
    running = next;
    return next;
  }

  const timer = everyInterval(deps.intervalMs, () => {
    // The previous round is still going: skip this tick.
    if (busy || stopped) return;
    runOnce().catch((error: unknown) => log.error({ err: error }, 'cancellation expiry sweep failed'));
  });

  return {
    runOnce,
    async stop() {
      stopped = true;
      timer.stop();
      await running?.catch(() => 0);
    },
  };
}
