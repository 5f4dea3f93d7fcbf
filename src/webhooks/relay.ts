// The outbox relay and webhook sender. Rows of OutboxEvent are written by every
// write's transaction (src/db/transaction.ts); here they become deliveries, one per
// subscribed endpoint, and deliveries become signed HTTP requests:
//
// - Woken by NOTIFY (PostgreSQL, from any instance's COMMIT), by this process's own
//   commits, and by a poll timer; several instances share the work: a tenant's relay
//   step holds a transaction-level advisory lock (one instance numbers its events at
//   a time), deliveries are claimed with FOR UPDATE SKIP LOCKED and a lease.
// - At least once, in order per order: a delivery waits while an earlier one of the
//   same order to the same endpoint is still pending. Receivers de-duplicate by the
//   event id.
// - Failures retry with exponential backoff and jitter for the retry window; an
//   endpoint failing too often in a row is disabled, and the tenant hears of it
//   (webhook.endpoint_disabled). Every attempt is logged (WebhookAttempt).
// - Traced (OTEL_EXPORTER_OTLP_ENDPOINT): rounds run outside any request's context;
//   each delivery is a `webhook.deliver` span of its own, linked to the span of the
//   write that caused the event (OutboxEvent.traceparent), the POST's span its child.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { WebhooksConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { transaction } from '../db/transaction.js';
import { tenantNeutral, withTenant } from '../db/tenant-scope.js';
import { deliverySpan, detached } from '../events/event-trace.js';
import { OUTBOX_CHANNEL, outboxWritten, type WebhookEventType } from '../events/outbox.js';
import type { EventBus } from '../events/topics.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export interface WebhookPostResult {
  /** HTTP status answered; null when none came. */
  status: number | null;
  excerpt: string | null;
  /** Why the attempt failed; null when it was acknowledged (2xx). */
  error: string | null;
}

/** One webhook request; the transport lives in src/http/webhook-client.ts. */
export type WebhookPost = (request: { url: string; body: string; headers: Record<string, string>; timeoutMs: number }) => Promise<WebhookPostResult>;

/**
 * The `data` of an event for an endpoint's payload document (src/webhooks/graphql/payload-document.ts);
 * undefined when the document does not shape this type. Throws when the document fails.
 */
export type WebhookShape = (event: { tenantId: number; eventId: bigint; type: string; payload: Record<string, unknown>; document: string }) => Promise<Record<string, unknown> | undefined>;

export interface RelayDeps {
  db: Database;
  events: EventBus;
  log: Logger;
  config: WebhooksConfig;
  post: WebhookPost;
  /** Runs payload documents; without it, endpoints with one get the standard payload. */
  shape?: WebhookShape;
}

export interface OutboxRelay {
  /** Runs one round now (tests; the loop runs rounds by itself). Resolves when the round's requests are answered. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Told (in this process) when a tenant's endpoint was made, enabled or changed: its events go out at once. */
export const endpointsChanged = new EventEmitter();
endpointsChanged.setMaxListeners(0);

/** Events numbered per relay step (outbox_relay_step, which also takes the tenant's advisory lock). */
const BATCH = 500;

/**
 * Leases the due deliveries of every enabled endpoint of tenant $5, at most $2 less
 * those in flight here ($3 endpoint ids, $4 counts) per endpoint, for $1 seconds: the
 * first pending delivery of each order (none earlier of the same order is pending),
 * and behind each up to $6 more of the same order, which the same worker sends one
 * after the other (orderRuns). Answers each with what its request needs.
 */
const CLAIM_SQL = `
  WITH heads AS (
    SELECT c."id", c."endpointId", c."orderId", c."eventId" FROM "WebhookEndpoint" p
     CROSS JOIN LATERAL (
       SELECT c."id", c."endpointId", c."orderId", c."eventId" FROM "WebhookDelivery" c
        WHERE c."endpointId" = p."id" AND c."status" = 'PENDING'
          AND c."nextAttemptAt" <= now() AND (c."leaseUntil" IS NULL OR c."leaseUntil" < now())
          AND NOT EXISTS (
            SELECT 1 FROM "WebhookDelivery" e
             WHERE e."endpointId" = c."endpointId" AND e."orderId" = c."orderId" AND e."status" = 'PENDING' AND e."eventId" < c."eventId")
        ORDER BY c."eventId"
        LIMIT GREATEST($2::int - COALESCE((SELECT f."n" FROM unnest($3::int[], $4::int[]) AS f("id", "n") WHERE f."id" = p."id"), 0), 0)
        FOR UPDATE OF c SKIP LOCKED) c
     WHERE p."tenantId" = $5::int AND p."enabled"
  ), followers AS (
    SELECT f."id" FROM heads h
     CROSS JOIN LATERAL (
       SELECT f."id" FROM "WebhookDelivery" f
        WHERE f."endpointId" = h."endpointId" AND f."orderId" = h."orderId" AND f."status" = 'PENDING' AND f."eventId" > h."eventId"
        ORDER BY f."eventId" LIMIT $6::int
        FOR UPDATE OF f) f
     WHERE h."orderId" IS NOT NULL
  )
  UPDATE "WebhookDelivery" d SET "leaseUntil" = now() + make_interval(secs => $1::float8)
    FROM "WebhookEndpoint" w, "OutboxEvent" o
   WHERE d."id" IN (SELECT "id" FROM heads UNION ALL SELECT "id" FROM followers)
     AND w."id" = d."endpointId" AND o."id" = d."eventId"
  RETURNING d."id", d."endpointId", d."eventId"::text AS "eventId", d."orderId", d."attempts", d."nextAttemptAt", d."createdAt",
            w."url", w."secret", w."previousSecret", w."previousSecretExpiresAt", w."payloadDocument",
            o."type", o."sequence", o."payload", o."createdAt" AS "eventCreatedAt", o."traceparent"`;

/** The tenant ids a NOTIFY names ("3,7"); undefined (every tenant) when it names none. */
export function notifiedTenants(payload: string): number[] | undefined {
  const ids = payload.split(',').map(Number).filter((id) => Number.isInteger(id) && id > 0);
  return ids.length ? ids : undefined;
}

/** Gives back the leases of claimed deliveries a run did not send. */
const RELEASE_SQL = `UPDATE "WebhookDelivery" SET "leaseUntil" = NULL WHERE "id" = ANY($1::int[]) AND "status" = 'PENDING'`;

/** Deliveries of one order to one endpoint claimed together, besides the first. */
const RUN = 20;

/** The claimed deliveries as runs: one per (endpoint, order), in event order; one each for deliveries of no order. */
export function orderRuns<D extends { endpointId: number; orderId: number | null; eventId: bigint }>(claimed: D[]): D[][] {
  const runs = new Map<string, D[]>();
  const single: D[][] = [];
  for (const d of [...claimed].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0))) {
    if (d.orderId === null) {
      single.push([d]);
      continue;
    }
    const key = `${d.endpointId}:${d.orderId}`;
    const run = runs.get(key);
    if (run) run.push(d);
    else runs.set(key, [d]);
  }
  return [...runs.values(), ...single];
}

/** Marks deliveries $1 delivered and logs their attempts ($2 status, $3 latency, $4 excerpt); rows locked in id order. */
const DELIVERED_SQL = `
  WITH answered AS (
    SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[]) AS a("id", "statusCode", "latencyMs", "excerpt")
  ), locked AS (
    SELECT d."id" FROM "WebhookDelivery" d WHERE d."id" IN (SELECT "id" FROM answered) ORDER BY d."id" FOR UPDATE
  ), delivered AS (
    UPDATE "WebhookDelivery" d SET "status" = 'DELIVERED', "attempts" = d."attempts" + 1, "deliveredAt" = now(), "leaseUntil" = NULL
      FROM locked l WHERE d."id" = l."id"
    RETURNING d."id", d."tenantId", d."endpointId", d."orderId"
  ), logged AS (
    INSERT INTO "WebhookAttempt" ("tenantId", "deliveryId", "endpointId", "orderId", "statusCode", "latencyMs", "responseExcerpt")
    SELECT d."tenantId", d."id", d."endpointId", d."orderId", a."statusCode", a."latencyMs", a."excerpt"
      FROM delivered d JOIN answered a ON a."id" = d."id"
     ORDER BY d."id"
  )
  UPDATE "WebhookEndpoint" SET "consecutiveFailures" = 0
   WHERE "id" IN (SELECT "endpointId" FROM delivered) AND "consecutiveFailures" > 0`;

type ClaimedRow = Omit<Claimed, 'eventId'> & { eventId: string };

/** int8 comes back as text (drivers differ on it); the rest as the driver parses it. */
function claimedDelivery(row: ClaimedRow): Claimed {
  return { ...row, eventId: BigInt(row.eventId) };
}

/** Global ids, as the API gives them, for the numeric ids an event payload carries (at any depth). */
const ID_FIELDS: Record<string, [field: string, typename: string]> = {
  orderId: ['order', 'Order'],
  paymentId: ['payment', 'Payment'],
  shipmentId: ['shipment', 'Shipment'],
  variationId: ['variation', 'Variation'],
  warehouseId: ['warehouse', 'Warehouse'],
  originWarehouseId: ['originWarehouse', 'Warehouse'],
  destinationWarehouseId: ['destinationWarehouse', 'Warehouse'],
  endpointId: ['endpoint', 'WebhookEndpoint'],
  eventId: ['orderEvent', 'OrderEvent'],
  itemId: ['item', 'OrderItem'],
  returnId: ['return', 'OrderReturn'],
  requestId: ['cancellationRequest', 'CancellationRequest'],
};

function globalId(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

/** What a partner receives of an event: ids as global ids (also inside lines and as a change's from/to), nothing internal. */
export function publicPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    const id = ID_FIELDS[key];
    if (id && (typeof value === 'number' || value === null)) out[id[0]] = value === null ? null : globalId(id[1], value);
    else if (id && isChange(value)) out[id[0]] = { from: idOrNull(id[1], value.from), to: idOrNull(id[1], value.to) };
    else out[key] = publicValue(value);
  }
  return out;
}

function publicValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicValue);
  if (value !== null && typeof value === 'object') return publicPayload(value as Record<string, unknown>);
  return value;
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return value !== null && typeof value === 'object' && 'from' in value && 'to' in value && Object.keys(value).length === 2;
}

function idOrNull(typename: string, value: unknown): unknown {
  return typeof value === 'number' ? globalId(typename, value) : value;
}

/** Wait before attempt number `attempts + 1`: base x 2^(attempts-1), with +-50 % jitter, at most max. */
export function backoffMs(attempts: number, config: Pick<WebhooksConfig, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const exp = Math.min(config.retryBaseMs * 2 ** Math.max(attempts - 1, 0), config.retryMaxMs);
  return Math.round(exp * (0.5 + random()));
}

interface Outcome extends WebhookPostResult {
  d: Claimed;
  latencyMs: number;
}

/** What a round does for a tenant: number its new events, claim its due deliveries. */
interface Visit {
  number: boolean;
  claim: boolean;
}

interface Claimed {
  id: number;
  endpointId: number;
  eventId: bigint;
  orderId: number | null;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  payloadDocument: string | null;
  type: WebhookEventType;
  sequence: number;
  payload: Record<string, unknown>;
  eventCreatedAt: Date;
  /** The W3C traceparent of the write's span (tracing on when it was written), else null. */
  traceparent: string | null;
}

export async function startOutboxRelay(deps: RelayDeps): Promise<OutboxRelay> {
  const { db, log, config } = deps;
  const inFlight = new Map<number, number>(); // endpoint id -> requests in flight here
  const sending = new Set<Promise<void>>();
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let lastPrune = 0;
  const leaseMs = config.timeoutMs * 2 + 5_000;

  // What the next round has to do. Written events (this process's commits name their
  // tenants; a NOTIFY from another instance and the poll do not) are numbered; a finished
  // request only frees a slot, so its tenant's round just claims what became due.
  let anyTenant = true;
  let numberAll = true;
  const tenantsToVisit = new Map<number, Visit>();
  const visitOf = (tenantId: number) => {
    let visit = tenantsToVisit.get(tenantId);
    if (!visit) tenantsToVisit.set(tenantId, (visit = { number: false, claim: false }));
    return visit;
  };

  // Tenants whose last step found no enabled endpoint, until when: nothing is sent for them,
  // so their commits do not each start a round; the poll numbers their events in batches.
  // An endpoint made or enabled here ends it at once (endpointsChanged); on another
  // instance, within a poll.
  const quietUntil = new Map<number, number>();
  const eventsWritten = (tenantIds?: Iterable<number>) => {
    if (tenantIds) {
      const now = performance.now();
      let any = false;
      for (const id of tenantIds) {
        if ((quietUntil.get(id) ?? 0) > now) continue;
        visitOf(id).number = any = true;
      }
      if (!any) return;
    } else (anyTenant = true), (numberAll = true);
    wake();
  };
  const slotFreed = (tenantId: number) => {
    visitOf(tenantId).claim = true;
    wake();
  };

  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    // Woken from a request's after-commit (outboxWritten): the round is not part of its trace.
    running = detached(round)
      .catch((error: unknown) => {
        // What the round left undone waits for the next poll, over every tenant; not an
        // immediate retry: a database that keeps failing would be asked again at once, forever.
        anyTenant = numberAll = true;
        again = false;
        log.warn({ err: error }, 'outbox relay round failed; retrying at the next poll');
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          wake();
        }
      });
  };

  async function round(): Promise<void> {
    const visit = new Map(tenantsToVisit);
    const numberEvery = numberAll;
    const askDatabase = anyTenant;
    tenantsToVisit.clear();
    anyTenant = numberAll = false;
    if (askDatabase) {
      const withWork = await tenantNeutral(() => db.background.query<{ tenantId: number }>('SELECT "tenantId" FROM outbox_tenants_with_work()'));
      for (const { tenantId } of withWork) visit.set(tenantId, { number: numberEvery || !!visit.get(tenantId)?.number, claim: true });
    }
    for (const [tenantId, { number, claim }] of visit) {
      if (stopped) return;
      if (config.relayTenants && !config.relayTenants.has(tenantId)) continue;
      // Events with no endpoint that wants them need numbering only.
      const queued = number ? await withTenant(tenantId, () => relayTenant(tenantId)) : 0;
      if (claim || queued > 0) await withTenant(tenantId, () => sendDue(tenantId));
    }
    if (Date.now() - lastPrune > 60_000) {
      lastPrune = Date.now();
      await prune();
    }
  }

  /** Numbers the tenant's new events and queues a delivery per subscribed, enabled endpoint (one statement: outbox_relay_step); says how many it queued. */
  async function relayTenant(tenantId: number): Promise<number> {
    const [step] = await db.background.query<{ numbered: number; queued: number; endpoints: number | null }>('SELECT * FROM outbox_relay_step($1::int, $2::int)', [tenantId, BATCH]);
    if (step && step.numbered >= BATCH) (visitOf(tenantId).number = true), (again = true); // more are waiting
    if (step?.endpoints === 0) quietUntil.set(tenantId, performance.now() + config.pollMs);
    else quietUntil.delete(tenantId);
    return step?.queued ?? 0;
  }

  /**
   * Claims what is due for every enabled endpoint of the tenant with a free slot here
   * (one statement for all of them), and sends it without waiting. An earlier pending
   * delivery of the same order to the same endpoint (in flight or waiting for its retry)
   * holds the later ones back.
   */
  async function sendDue(tenantId: number): Promise<void> {
    const busy = [...inFlight].filter(([, n]) => n > 0);
    const rows = await db.background.query<ClaimedRow>(CLAIM_SQL, [
      leaseMs / 1000,
      config.concurrencyPerEndpoint,
      busy.map(([id]) => id),
      busy.map(([, n]) => n),
      tenantId,
      RUN,
    ]);
    for (const run of orderRuns(rows.map(claimedDelivery))) {
      const endpointId = run[0]!.endpointId;
      inFlight.set(endpointId, (inFlight.get(endpointId) ?? 0) + 1);
      const task = withTenant(tenantId, () => sendRun(tenantId, run))
        .catch((error: unknown) => log.error({ err: error, deliveries: run.map((d) => d.id) }, 'webhook delivery failed unexpectedly; the lease expires and it is sent again'))
        .finally(() => {
          inFlight.set(endpointId, (inFlight.get(endpointId) ?? 1) - 1);
          sending.delete(task);
          slotFreed(tenantId); // a slot is free, and a later delivery of the same order may be due now
        });
      sending.add(task);
    }
  }

  /**
   * Sends a run of one order's deliveries to one endpoint one after the other, each
   * once the one before it was acknowledged; a failure (or the lease running short)
   * ends the run, and what is left goes back to the queue behind the failed one. The
   * outcomes are written together, after the run.
   */
  async function sendRun(tenantId: number, run: Claimed[]): Promise<void> {
    const leaseEnds = performance.now() + leaseMs - config.timeoutMs - 1_000;
    const written: Array<Promise<void>> = [];
    let sent = 0;
    for (const d of run) {
      if (sent > 0 && (performance.now() > leaseEnds || d.nextAttemptAt.getTime() > Date.now())) break;
      const outcome = await deliverySpan(
        'webhook.deliver',
        d.traceparent,
        { 'ordergraph.webhook.delivery_id': d.id, 'ordergraph.webhook.event_type': d.type, 'ordergraph.webhook.attempt': d.attempts + 1 },
        () => send(tenantId, d),
      );
      written.push(recordOutcome(tenantId, outcome));
      sent++;
      if (outcome.error !== null) break;
    }
    const unsent = run.slice(sent).map((d) => d.id);
    if (unsent.length) written.push(db.background.query(RELEASE_SQL, [unsent]).then(() => undefined));
    await Promise.all(written);
  }

  /** Sends one delivery and says how it went; the caller records it. */
  async function send(tenantId: number, d: Claimed): Promise<Outcome> {
    const started = performance.now();
    let body: string;
    try {
      body = await deliveryBody(tenantId, d);
    } catch (error) {
      // A payload document that fails is a failed attempt: logged, retried, counted towards disabling.
      const message = (error as Error).message.slice(0, 500);
      return { d, status: null, excerpt: null, error: message, latencyMs: Math.round(performance.now() - started) };
    }
    const secrets = [d.secret, ...(d.previousSecret && d.previousSecretExpiresAt && d.previousSecretExpiresAt > new Date() ? [d.previousSecret] : [])];
    const answer = await deps.post({
      url: d.url,
      body,
      timeoutMs: config.timeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ordergraph-webhooks/1',
        'ordergraph-event-id': `evt_${d.eventId}`,
        'ordergraph-event-type': d.type,
        [SIGNATURE_HEADER]: signatureHeader(secrets, Math.floor(Date.now() / 1000), body),
      },
    });
    return { d, ...answer, latencyMs: Math.round(performance.now() - started) };
  }

  /** The request body: the event's id, type, sequence and time, and its data (shaped by the endpoint's payload document when it has one for this type). */
  async function deliveryBody(tenantId: number, d: Claimed): Promise<string> {
    const shaped =
      d.payloadDocument && deps.shape ? await deps.shape({ tenantId, eventId: d.eventId, type: d.type, payload: d.payload, document: d.payloadDocument }) : undefined;
    return JSON.stringify({
      id: `evt_${d.eventId}`,
      type: d.type,
      sequence: d.sequence,
      createdAt: d.eventCreatedAt.toISOString(),
      data: shaped ?? publicPayload(d.payload),
    });
  }

  // Outcomes are written in batches, one transaction per tenant for all that finished
  // meanwhile: at hundreds of requests a second, a transaction per request would be
  // the bottleneck. A delivery's slot (and the next delivery of its order) frees once
  // its outcome is written.
  const outcomes = new Map<number, { queue: Outcome[]; done: Array<() => void>; running: boolean }>();

  function recordOutcome(tenantId: number, outcome: Outcome): Promise<void> {
    let batch = outcomes.get(tenantId);
    if (!batch) outcomes.set(tenantId, (batch = { queue: [], done: [], running: false }));
    batch.queue.push(outcome);
    const written = new Promise<void>((resolve) => batch!.done.push(resolve));
    // Outside the delivery's span: the batch's bookkeeping belongs to no one delivery.
    if (!batch.running) detached(() => setImmediate(() => void flush(tenantId)));
    return written;
  }

  async function flush(tenantId: number): Promise<void> {
    const batch = outcomes.get(tenantId)!;
    if (batch.running || !batch.queue.length) return;
    batch.running = true;
    const taken = batch.queue.splice(0);
    const done = batch.done.splice(0);
    try {
      await withTenant(tenantId, () => writeOutcomes(tenantId, taken));
    } catch (error) {
      log.error({ err: error, tenantId, deliveries: taken.map((o) => o.d.id) }, 'webhook delivery bookkeeping failed; the leases expire and they are sent again');
    } finally {
      batch.running = false;
      for (const resolve of done) resolve();
      if (batch.queue.length) setImmediate(() => void flush(tenantId));
    }
  }

  async function writeOutcomes(tenantId: number, taken: Outcome[]): Promise<void> {
    const succeeded = taken.filter((o) => o.error === null);
    const failed = taken.filter((o) => o.error !== null);
    if (succeeded.length) await writeDelivered(succeeded);
    if (failed.length) await writeFailed(tenantId, failed);
  }

  /**
   * The common case in one statement: acknowledged deliveries marked delivered, their
   * attempts logged, their endpoints' failure streaks ended. A delivery whose endpoint
   * was deleted (with its deliveries) while its request was out has nothing to record.
   */
  async function writeDelivered(succeeded: Outcome[]): Promise<void> {
    await db.background.query(DELIVERED_SQL, [
      succeeded.map((o) => o.d.id),
      succeeded.map((o) => o.status),
      succeeded.map((o) => o.latencyMs),
      succeeded.map((o) => o.excerpt),
    ]);
  }

  /** Failed attempts: a retry planned (or the delivery given up), the endpoint's streak counted, the endpoint disabled at the limit. */
  async function writeFailed(tenantId: number, failed: Outcome[]): Promise<void> {
    await transaction({ prisma: db.forTenant(tenantId), events: deps.events, log }, async (scope) => {
      const { tx } = scope;
      const ids = failed.map((o) => o.d.id).sort((a, b) => a - b);
      const existing = new Set(
        (await tx.$queryRaw<Array<{ id: number }>>`SELECT "id" FROM "WebhookDelivery" WHERE "id" = ANY(${ids}::int[]) ORDER BY "id" FOR UPDATE`).map((r) => r.id),
      );
      const kept = failed.filter((o) => existing.has(o.d.id));
      if (!kept.length) return;
      await tx.webhookAttempt.createMany({
        data: kept.map(({ d, status, excerpt, error, latencyMs }) => ({
          tenantId,
          deliveryId: d.id,
          endpointId: d.endpointId,
          orderId: d.orderId,
          statusCode: status,
          latencyMs,
          responseExcerpt: excerpt,
          error,
        })),
      });
      for (const { d, error } of kept.sort((a, b) => a.d.endpointId - b.d.endpointId)) {
        const attempts = d.attempts + 1;
        const givenUp = Date.now() - d.createdAt.getTime() > config.retryWindowHours * 3_600_000;
        await tx.webhookDelivery.update({
          where: { id: d.id },
          data: givenUp ? { status: 'FAILED', attempts, leaseUntil: null } : { attempts, nextAttemptAt: new Date(Date.now() + backoffMs(attempts, config)), leaseUntil: null },
        });
        const [endpoint] = await tx.$queryRaw<Array<{ consecutiveFailures: number; enabled: boolean; url: string }>>`
          UPDATE "WebhookEndpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1 WHERE "id" = ${d.endpointId}
          RETURNING "consecutiveFailures", "enabled", "url"`;
        if (endpoint && endpoint.enabled && endpoint.consecutiveFailures >= config.disableAfterFailures) {
          await tx.webhookEndpoint.update({
            where: { id: d.endpointId },
            data: { enabled: false, disabledReason: `${endpoint.consecutiveFailures} failed attempts in a row; last: ${error}`.slice(0, 500) },
          });
          scope.publish('webhookEndpointDisabled', {
            tenantId,
            endpointId: d.endpointId,
            url: endpoint.url,
            consecutiveFailures: endpoint.consecutiveFailures,
            at: new Date().toISOString(),
          });
          log.warn({ tenantId, endpointId: d.endpointId, failures: endpoint.consecutiveFailures }, 'webhook endpoint disabled after failing in a row');
        }
      }
    });
  }

  async function prune(): Promise<void> {
    const before = new Date(Date.now() - config.retentionHours * 3_600_000);
    for (;;) {
      const [row] = await tenantNeutral(() => db.background.query<{ pruned: number }>('SELECT outbox_prune($1, 1000) AS pruned', [before.toISOString()]));
      if (!row || Number(row.pruned) < 1000 || stopped) return;
    }
  }

  // The NOTIFY of a commit (any instance's) wakes the relay; this process's own commits
  // wake it directly only while there is no LISTEN (one wake-up per commit, not two).
  let listening = false;
  const onWritten = (tenantIds: number[]) => void (listening || eventsWritten(tenantIds));
  outboxWritten.on('written', onWritten);
  const onEndpoints = (tenantId: number) => {
    quietUntil.delete(tenantId);
    eventsWritten([tenantId]);
  };
  endpointsChanged.on('changed', onEndpoints);
  const unlisten = await db
    .listen(
      OUTBOX_CHANNEL,
      (payload) => eventsWritten(notifiedTenants(payload)),
      (error) => {
        listening = false;
        log.warn({ err: error }, 'outbox LISTEN connection lost; the relay polls until restart');
      },
    )
    .then((stop) => ((listening = true), stop))
    .catch((error: unknown) => {
      log.warn({ err: error }, 'outbox LISTEN unavailable; the relay polls');
      return async () => {};
    });
  const tick = () => {
    eventsWritten();
    timer = setTimeout(tick, config.pollMs);
    timer.unref();
  };
  tick();

  return {
    async drain() {
      do {
        while (running) await running;
        eventsWritten();
        while (running) await running;
        await Promise.all([...sending]);
      } while (running || sending.size);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      outboxWritten.off('written', onWritten);
      endpointsChanged.off('changed', onEndpoints);
      await unlisten();
      while (running) await running;
      // Requests in flight end within the webhook timeout; their leases let another instance resend if we die first.
      await Promise.allSettled([...sending]);
    },
  };
}
