// Payload documents (as Saleor does): an endpoint may carry a GraphQL subscription
// document whose one root field is a live subscription field; for events of that
// field's types the body's `data` is the document's result, executed for the event
// as a subscriber would receive it (the field re-reads the object with the selected
// fields). Checked when saved: it parses, validates against the schema, is one
// subscription operation without variables, with one root field that reports one
// of the endpoint's event types, and stays within the depth and cost limits of a
// client's subscription. Executed at delivery under the endpoint's tenant (its
// client: row-level security) with the role ADMIN.
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Viewer } from '../../auth/viewer.js';
import type { WebhookEventType } from '../../events/outbox.js';
import type { Context } from '../../graphql/context.js';
import { operationCost } from '../../limits/query-cost.js';

declare module '../../graphql/context.js' {
  interface ContextServices {
    /** Checks and runs webhook payload documents. */
    webhookPayloads: WebhookPayloads;
  }
}

/** The live subscription fields a payload document may use, with the event types whose events each one shapes. */
export const PAYLOAD_DOCUMENT_FIELDS: Readonly<Record<string, readonly WebhookEventType[]>> = {
  orderCreated: ['order.created'],
  orderStatusChanged: ['order.status_changed'],
  paymentRecorded: ['payment.recorded', 'payment.refunded'],
  shipmentTracked: ['shipment.tracked'],
  stockLevelChanged: ['stock.level_changed'],
};

/** The role a payload document runs with: it reads what an ADMIN of the endpoint's tenant may read. */
export const PAYLOAD_DOCUMENT_ROLE = 'ADMIN' as const;
/** The actor a payload document's reads would be recorded under. */
export const PAYLOAD_DOCUMENT_ACTOR = 'system:webhooks';
/** Longest payload document, in characters. */
export const MAX_PAYLOAD_DOCUMENT_LENGTH = 10_000;

export interface PayloadDocumentLimits {
  /** Deepest field nesting (QUERY_MAX_DEPTH). */
  maxDepth: number;
  /** Most one operation may cost (QUERY_MAX_COST). */
  maxCost: number;
}

export interface WebhookPayloadsDeps {
  schema: GraphQLSchema;
  limits: PayloadDocumentLimits;
  /** A resolver context for a viewer: the viewer's tenant client, loaders and services, as a request has. */
  contextFor: (viewer: Viewer, requestId: string) => Context;
}

export interface ShapedEvent {
  tenantId: number;
  eventId: bigint | number;
  type: string;
  /** The outbox payload (numeric ids, without the tenant). */
  payload: Record<string, unknown>;
  document: string;
}

export interface WebhookPayloads {
  /** What is wrong with a document for an endpoint sending these event types; empty when it may be saved. */
  problems(document: string, eventTypes: readonly string[]): string[];
  /** The document's result for one event; undefined when the document's field does not report this type (the standard payload is sent). Throws when execution fails. */
  shape(event: ShapedEvent): Promise<Record<string, unknown> | undefined>;
}

interface Checked {
  document: DocumentNode;
  field: string;
}

export function webhookPayloads(deps: WebhookPayloadsDeps): WebhookPayloads {
  const parsed = new Map<string, Checked>();

  function check(source: string): { checked?: Checked; problems: string[] } {
    if (source.length > MAX_PAYLOAD_DOCUMENT_LENGTH) return { problems: [`is longer than ${MAX_PAYLOAD_DOCUMENT_LENGTH} characters`] };
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: 2_000 });
    } catch (error) {
      return { problems: [`does not parse: ${(error as GraphQLError).message}`] };
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1) return { problems: ['must hold exactly one operation'] };
    const operation = operations[0]!;
    if (operation.operation !== 'subscription') return { problems: [`must be a subscription, not a ${operation.operation}`] };
    if (operation.variableDefinitions?.length) return { problems: ['may not declare variables: nothing supplies them at delivery'] };
    const roots = operation.selectionSet.selections;
    if (roots.length !== 1 || roots[0]!.kind !== Kind.FIELD) return { problems: ['must select exactly one root field (no fragments at the root)'] };
    const invalid = validate(deps.schema, document);
    if (invalid.length) return { problems: invalid.map((e) => `is not valid: ${e.message}`) };
    const field = roots[0]!.name.value;
    if (!PAYLOAD_DOCUMENT_FIELDS[field]) {
      return { problems: [`root field ${field} reports no webhook event; use one of ${Object.keys(PAYLOAD_DOCUMENT_FIELDS).join(', ')}`] };
    }
    const problems: string[] = [];
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const depth = selectionDepth(operation.selectionSet, fragments, new Set());
    if (depth > deps.limits.maxDepth) problems.push(`nests ${depth} fields deep; the most is ${deps.limits.maxDepth}`);
    const cost = operationCost(deps.schema, document, undefined, {});
    if (cost > deps.limits.maxCost) problems.push(`would cost ${cost} points per event; the most is ${deps.limits.maxCost}`);
    return problems.length ? { problems } : { checked: { document, field }, problems };
  }

  function checked(source: string): Checked {
    let entry = parsed.get(source);
    if (!entry) {
      const result = check(source);
      if (!result.checked) throw new Error(`payload document ${result.problems.join('; ')}`);
      entry = result.checked;
      if (parsed.size >= 1_000) parsed.clear();
      parsed.set(source, entry);
    }
    return entry;
  }

  return {
    problems(source, eventTypes) {
      const result = check(source);
      if (!result.checked) return result.problems;
      const reports = PAYLOAD_DOCUMENT_FIELDS[result.checked.field]!;
      if (!eventTypes.includes('*') && !reports.some((type) => eventTypes.includes(type))) {
        return [`root field ${result.checked.field} reports ${reports.join(', ')}, none of the endpoint's event types`];
      }
      return [];
    },
    async shape(event) {
      const { document, field } = checked(event.document);
      if (!(PAYLOAD_DOCUMENT_FIELDS[field] as readonly string[]).includes(event.type)) return undefined;
      const viewer: Viewer = { tenantId: event.tenantId, tenantSlug: '', role: PAYLOAD_DOCUMENT_ROLE, apiKeyId: 0, actor: PAYLOAD_DOCUMENT_ACTOR };
      const result = await execute({
        schema: deps.schema,
        document,
        rootValue: { ...event.payload, tenantId: event.tenantId },
        contextValue: deps.contextFor(viewer, `webhook-evt_${event.eventId}`),
      });
      if (result.errors?.length) throw new Error(`payload document failed: ${result.errors.map((e) => e.message).join('; ')}`.slice(0, 1_000));
      return (result.data ?? {}) as Record<string, unknown>;
    },
  };
}

/** How deep fields nest (the root field is 1), fragments spread in place. */
function selectionDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, visiting) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, visiting));
      visiting.delete(fragment.name.value);
    }
  }
  return deepest;
}
