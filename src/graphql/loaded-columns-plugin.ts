// Fast paths for what a Prisma object's row already holds: exposed columns
// (`t.exposeString('code')` and the like) and the global id of a node.
//
// Our Prisma objects use select mode (only the requested columns are read), so
// plugin-prisma wraps every exposed column in a lookup of the request's selection
// plan, to tell whether this row was loaded with that column. A row only has the
// keys it was selected with, and Prisma gives null (never undefined) for a NULL
// column, so `column in row` answers the same question without the lookup. When the
// column is missing the field goes down plugin-prisma's path as before and loads it.
// A node's `id` is encoded from the row's `id` at once, where plugin-relay awaits a
// promise per object. Together about a fifth of the server's CPU per request on the
// order list (bench/README.md).
//
// Listed after the plugins that must still see every call (scope auth, permissions,
// errors) and before PrismaPlugin, whose wrapper it skips.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLFieldResolver } from 'graphql';

/** The column a field exposes as it is, or undefined for any other field. */
export function exposedColumn(fieldConfig: PothosOutputFieldConfig<SchemaTypes>): string | undefined {
  const extensions = fieldConfig.extensions as { pothosPrismaVariant?: unknown; pothosPrismaSelect?: unknown } | undefined;
  const column = extensions?.pothosPrismaVariant;
  const select = extensions?.pothosPrismaSelect;
  if (fieldConfig.kind !== 'PrismaObject' || typeof column !== 'string' || Object.keys(fieldConfig.args).length > 0) return undefined;
  // An expose selects exactly its own column; a relation or a computed field selects more.
  if (!select || typeof select !== 'object' || Object.keys(select).length !== 1 || (select as Record<string, unknown>)[column] !== true) {
    return undefined;
  }
  return column;
}

export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const column = exposedColumn(fieldConfig as PothosOutputFieldConfig<SchemaTypes>);
    if (column) {
      return (parent, args, ctx, info) =>
        typeof parent === 'object' && parent !== null && column in parent
          ? (parent as Record<string, unknown>)[column]
          : resolver(parent, args, ctx, info);
    }
    if (this.isPrismaNodeId(fieldConfig)) {
      const typename = fieldConfig.parentType;
      return (parent, args, ctx, info) => {
        const id = typeof parent === 'object' && parent !== null ? (parent as { id?: unknown }).id : undefined;
        return typeof id === 'number' ? encodeGlobalID(typename, String(id)) : resolver(parent, args, ctx, info);
      };
    }
    return resolver;
  }

  /** The `id` field of a prismaNode: every one of ours takes its global id from the `id` column (tenantNode). */
  private isPrismaNodeId(fieldConfig: PothosOutputFieldConfig<Types>): boolean {
    if (fieldConfig.name !== 'id' || fieldConfig.graphqlKind !== 'Object' || this.builder.options.relay?.encodeGlobalID) return false;
    if (fieldConfig.type.kind !== 'Scalar' || (fieldConfig.type.ref as { name?: string }).name !== 'ID') return false;
    const parent = this.buildCache.getTypeConfig(fieldConfig.parentType);
    return parent.kind === 'Object' && !!parent.extensions?.pothosPrismaModel && parent.interfaces.some((ref) => String(ref) === 'InterfaceRef<Node>');
  }
}

const pluginName = 'loadedColumns';
declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}
SchemaBuilder.registerPlugin(pluginName, LoadedColumnsPlugin);
export default pluginName;
