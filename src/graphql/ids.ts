// Database ids are integers; GraphQL ids are global ("Order:12", base64). These
// turn a decoded id into an integer or a client error, never a driver error.
import { GraphQLError } from 'graphql';

export function parseIntId(id: string | number, typename = 'object'): number {
  const value = typeof id === 'number' ? id : /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new GraphQLError(`Invalid ${typename} id "${String(id).slice(0, 40)}"`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** The integer behind a global id argument, checking it names the expected type. */
export function decodeIdArg(arg: { typename: string; id: string } | string, typename: string): number {
  if (typeof arg === 'string') return parseIntId(arg, typename);
  if (arg.typename !== typename) {
    throw new GraphQLError(`Expected a ${typename} id, got a ${arg.typename} id`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return parseIntId(arg.id, typename);
}

/**
 * `findUnique` for prismaNode: the tenant is always part of the lookup, so a
 * global id of another tenant's object finds nothing.
 */
export function tenantScopedId(id: string, ctx: { tenantId: number }) {
  return { id: parseIntId(id), tenantId: ctx.tenantId } as { id: number; tenantId: number };
}
