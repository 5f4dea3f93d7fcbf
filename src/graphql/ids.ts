// Global ids as Pothos sees them: tenant-scoped node lookups, and Pothos's own id
// errors given a code. The id rules themselves are in shared/global-ids.ts.
import { PothosSchemaError, PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { parseIntId } from '../shared/global-ids.js';

/**
 * `findUnique` for prismaNode: the tenant is always part of the lookup, so a
 * global id of another tenant's object finds nothing.
 */
export function tenantScopedId(id: string, ctx: { tenantId: number }) {
  return { id: parseIntId(id), tenantId: ctx.tenantId } as { id: number; tenantId: number };
}

const NODE_FIELDS = new Set(['node', 'nodes']);

/**
 * Pothos reports a bad global id (not base64, no "Type:" part, a type that is not
 * a node) as its own error classes, without a code. This gives them the code
 * BAD_USER_INPUT, keeping message, path and locations; undefined for other errors.
 */
export function globalIdInputError(error: GraphQLError): GraphQLError | undefined {
  const original = error.originalError;
  let message: string | undefined;
  if (original instanceof PothosValidationError) message = original.message;
  // node(id:) looks the decoded type name up in the schema; an unknown or non-object name fails there.
  else if (original instanceof PothosSchemaError && NODE_FIELDS.has(String(error.path?.[0]))) {
    message = 'Invalid global ID: it does not name a type that can be fetched by id';
  }
  if (!message) return undefined;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

/**
 * The options every prismaNode shares: global id from `id`, tenant-scoped
 * lookups, null (not an error) for an id that is not found, and select mode so
 * only the requested columns are read.
 */
export const tenantNode = {
  id: { field: 'id' },
  findUnique: tenantScopedId,
  nullable: true,
  select: { id: true },
} as const;
