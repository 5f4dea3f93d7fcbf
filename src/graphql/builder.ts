// The one SchemaBuilder. Domain folders add their types to it; src/graphql/schema.ts
// imports them all and builds the schema.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { hasPermission, type Permission } from '../auth/permissions.js';
import type { Role } from '../db/generated/prisma/enums.js';
import PermissionsPlugin from './permissions-plugin.js';
import type PrismaTypes from '../db/generated/pothos-types.js';
import { getDatamodel } from '../db/generated/pothos-types.js';
import type { Decimal } from '../shared/money.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Context } from './context.js';
import ConventionsPlugin, { MAX_PAGE_SIZE } from './conventions-plugin.js';
import LoadedColumnsPlugin from './loaded-columns-plugin.js';

export interface BuilderTypes {
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { permission: Permission; roles: readonly Role[] };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    Decimal: { Input: Decimal; Output: Decimal | string | number | { toFixed(n: number): string } };
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
  };
}

export const builder = new SchemaBuilder<BuilderTypes>({
  // Scope auth first, so a refused call stops before any other plugin's work; the
  // permissions plugin gives each mutation and guarded field its scopes from the matrix.
  // LoadedColumnsPlugin sits just outside PrismaPlugin, whose per-column wrapper it skips.
  plugins: [ScopeAuthPlugin, PermissionsPlugin, ErrorsPlugin, LoadedColumnsPlugin, PrismaPlugin, RelayPlugin, SimpleObjectsPlugin, ConventionsPlugin],
  scopeAuth: {
    // A guarded subscription field (exportProgress) is refused when it is subscribed, not at its first event.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      permission: (permission: Permission) => hasPermission(ctx.viewer.role, permission),
      roles: (roles: readonly Role[]) => roles.includes(ctx.viewer.role),
    }),
    unauthorizedError: (_parent, ctx, info) =>
      new GraphQLError(`An API key with role ${ctx.viewer.role} may not use ${info.parentType.name}.${info.fieldName}`, {
        extensions: { code: 'FORBIDDEN' },
      }),
  },
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item; pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page is in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page.' },
    firstArgOptions: { description: 'Page size from the start or `after` (at most 100; default 20).' },
    lastArgOptions: { description: 'Page size from the end or `before` (at most 100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    idFieldOptions: { description: 'Global id; works with `node(id:)`.' },
    nodeTypeOptions: { description: 'An object with a global id.' },
    pageInfoTypeOptions: { description: 'Paging information of a connection.' },
    defaultConnectionTypeOptions: { description: 'A page of a list, with cursors (Relay connection).' },
    defaultEdgeTypeOptions: { description: 'An item of a list with its cursor.' },
    nodeQueryOptions: {
      description: 'Any object by its global id. Objects of other tenants are not found (null).',
      args: { id: { description: 'Global id of the object.' } },
      nullable: true,
    },
    nodesQueryOptions: {
      description: 'Several objects by their global ids, in the same order; unknown ids give null.',
      args: { ids: { description: 'Global ids of the objects (at most 100).' } },
      nullable: { list: false, items: true },
    },
  },
  // Mutations return `<Name>Result`: a union of their payload and the DomainErrors
  // they declare (ValidationError and NotFoundError always).
  errors: {
    defaultTypes: [ValidationError, NotFoundError],
    directResult: true,
    defaultUnionOptions: {
      name: ({ fieldName }) => `${upperFirst(fieldName)}Result`,
      description: 'The payload on success, or the typed error that explains why nothing was written.',
    },
    defaultResultOptions: { name: ({ fieldName }) => `${upperFirst(fieldName)}Payload` },
  },
});

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

builder.queryType({ description: 'Everything a caller can read, scoped to the tenant of its API key.' });
builder.mutationType({ description: 'Every change, one transaction each: it happens completely or not at all.' });
