// Webhook endpoints of a tenant: the only writer of WebhookEndpoint rows. The
// signing secret is returned once, at creation and at rotation; a rotation keeps
// the previous secret signing too for an overlap window, so receivers can switch
// without dropping a request.
import type { Prisma } from '../db/generated/prisma/client.js';
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { WEBHOOK_EVENT_TYPE_NAMES } from '../events/outbox.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { urlProblem, type AddressRules } from './endpoint-address.js';
import { WebhookDeliveryPendingError } from './errors.js';
import { endpointsChanged } from './relay.js';
import { newSigningSecret } from './signature.js';

export interface WebhookDeps extends TransactionDeps {
  tenantId: number;
  addressRules: AddressRules;
  /** What is wrong with a payload document for these event types (the GraphQL face checks it against the schema); empty when fine. */
  payloadDocumentProblems?: (document: string, eventTypes: readonly string[]) => string[];
}

export interface EndpointInput {
  url?: string | null;
  description?: string | null;
  eventTypes?: readonly string[] | null;
  /** A subscription document shaping the payload; on update an empty string removes it, null or absent keeps it. */
  payloadDocument?: string | null;
}

/** Most endpoints a tenant may have: each costs a request per event. */
export const MAX_ENDPOINTS_PER_TENANT = 20;
/** Longest rotation overlap: the previous secret keeps signing at most this long. */
export const MAX_ROTATION_OVERLAP_HOURS = 168;

function checkInput(deps: WebhookDeps, input: EndpointInput, creating: boolean): Prisma.WebhookEndpointUpdateInput {
  const problems = new Problems();
  const data: Prisma.WebhookEndpointUpdateInput = {};
  if (input.url != null || creating) {
    const url = checkText(problems, ['url'], input.url, { required: true, max: 2_000 });
    const problem = url ? urlProblem(url, deps.addressRules) : undefined;
    if (problem) problems.add(['url'], problem);
    data.url = url;
  }
  if (input.description !== undefined) data.description = checkText(problems, ['description'], input.description, { max: 500 }) || null;
  if (input.eventTypes != null || creating) {
    const types = [...new Set(input.eventTypes ?? [])];
    if (!types.length) problems.add(['eventTypes'], 'must name at least one event type, or "*" for all');
    types.forEach((type, i) => {
      if (type !== '*' && !(WEBHOOK_EVENT_TYPE_NAMES as string[]).includes(type)) {
        problems.add(['eventTypes', i], `"${type}" is not an event type; one of *, ${WEBHOOK_EVENT_TYPE_NAMES.join(', ')}`);
      }
    });
    data.eventTypes = types;
  }
  problems.throwIfAny();
  return data;
}

/** The endpoint's payload document after the change, checked against its event types after the change. */
function checkDocument(deps: WebhookDeps, input: EndpointInput, stored: { payloadDocument: string | null; eventTypes: readonly string[] } | null, eventTypes: readonly string[] | undefined): string | null {
  const given = input.payloadDocument != null ? input.payloadDocument.trim() || null : undefined;
  const document = given !== undefined ? given : (stored?.payloadDocument ?? null);
  const types = eventTypes ?? stored?.eventTypes ?? [];
  if (document !== null && (given !== undefined || eventTypes !== undefined)) {
    const problems = new Problems();
    if (!deps.payloadDocumentProblems) problems.add(['payloadDocument'], 'payload documents are not available here');
    for (const problem of deps.payloadDocumentProblems?.(document, types) ?? []) problems.add(['payloadDocument'], problem);
    problems.throwIfAny();
  }
  return document;
}

export async function createEndpoint(deps: WebhookDeps, input: EndpointInput) {
  const data = checkInput(deps, input, true);
  const payloadDocument = checkDocument(deps, input, null, data.eventTypes as string[]);
  return transaction(deps, async ({ tx, afterCommit }) => {
    const count = await tx.webhookEndpoint.count({ where: { tenantId: deps.tenantId } });
    if (count >= MAX_ENDPOINTS_PER_TENANT) new Problems().add([], `a tenant may have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints`).throwIfAny();
    const secret = newSigningSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: { tenantId: deps.tenantId, url: data.url as string, description: (data.description as string | null) ?? null, eventTypes: data.eventTypes as string[], secret, payloadDocument },
    });
    afterCommit(() => void endpointsChanged.emit('changed', deps.tenantId));
    return { endpoint, secret };
  });
}

async function existing(deps: WebhookDeps, tx: Prisma.TransactionClient, id: number) {
  // Locked: enable, disable and the sender's failure count do not overwrite each other.
  const rows = await tx.$queryRaw<Array<{ id: number }>>`SELECT "id" FROM "WebhookEndpoint" WHERE "id" = ${id} AND "tenantId" = ${deps.tenantId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError('WebhookEndpoint', String(id));
}

export function updateEndpoint(deps: WebhookDeps, id: number, input: EndpointInput) {
  const data = checkInput(deps, input, false);
  return transaction(deps, async ({ tx, afterCommit }) => {
    afterCommit(() => void endpointsChanged.emit('changed', deps.tenantId));
    await existing(deps, tx, id);
    if (input.payloadDocument != null || data.eventTypes !== undefined) {
      const stored = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { payloadDocument: true, eventTypes: true } });
      data.payloadDocument = checkDocument(deps, input, stored, data.eventTypes as string[] | undefined);
    }
    return tx.webhookEndpoint.update({ where: { id }, data });
  });
}

export function deleteEndpoint(deps: WebhookDeps, id: number) {
  return transaction(deps, async ({ tx }) => {
    await existing(deps, tx, id);
    return tx.webhookEndpoint.delete({ where: { id } });
  });
}

/** Enabling starts the failure count afresh; deliveries kept while disabled are sent, oldest first. */
export function setEndpointEnabled(deps: WebhookDeps, id: number, enabled: boolean) {
  return transaction(deps, async ({ tx, afterCommit }) => {
    await existing(deps, tx, id);
    if (enabled) afterCommit(() => void endpointsChanged.emit('changed', deps.tenantId));
    return tx.webhookEndpoint.update({
      where: { id },
      data: enabled ? { enabled: true, disabledReason: null, consecutiveFailures: 0 } : { enabled: false, disabledReason: 'disabled by a user' },
    });
  });
}

export function rotateEndpointSecret(deps: WebhookDeps, id: number, overlapHours: number) {
  const problems = new Problems();
  problems.check(Number.isInteger(overlapHours) && overlapHours >= 0 && overlapHours <= MAX_ROTATION_OVERLAP_HOURS, ['overlapHours'], `must be a whole number from 0 to ${MAX_ROTATION_OVERLAP_HOURS}`);
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    await existing(deps, tx, id);
    const current = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    const secret = newSigningSecret();
    const endpoint = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret,
        previousSecret: overlapHours > 0 ? current.secret : null,
        previousSecretExpiresAt: overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null,
      },
    });
    return { endpoint, secret };
  });
}

/** Sends a delivered or given-up delivery again, as soon as the sender gets to it. */
export function retryDelivery(deps: WebhookDeps, id: number) {
  return transaction(deps, async ({ tx }) => {
    const delivery = await tx.webhookDelivery.findFirst({ where: { id, tenantId: deps.tenantId } });
    if (!delivery) throw new NotFoundError('WebhookDelivery', String(id));
    if (delivery.status === 'PENDING') throw new WebhookDeliveryPendingError(id);
    return tx.webhookDelivery.update({ where: { id }, data: { status: 'PENDING', nextAttemptAt: new Date(), leaseUntil: null, createdAt: new Date() } });
  });
}
