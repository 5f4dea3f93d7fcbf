// A Pothos plugin for API-wide conventions:
// - `first`/`last` above the page limit, and `nodes(ids:)` with more ids than a
//   page, are refused with a clear error, instead of being silently clamped
//   (plugin-prisma clamps);
// - the `totalCount` fields plugin-prisma adds to connections get a description.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';

export const MAX_PAGE_SIZE = 100;

export class ConventionsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (fieldConfig.extensions?.pothosPrismaTotalCount && !fieldConfig.description) {
      return { ...fieldConfig, description: 'Number of items in the whole list (all pages) with the same filter.' };
    }
    return fieldConfig;
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.parentType === 'Query' && fieldConfig.name === 'nodes') {
      return (parent, args, ctx, info) => {
        const ids = (args as { ids?: unknown[] }).ids ?? [];
        if (ids.length > MAX_PAGE_SIZE) {
          throw pageSizeError(`Argument "ids" of Query.nodes takes at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`, 'ids');
        }
        return resolver(parent, args, ctx, info);
      };
    }
    if (!('first' in fieldConfig.args) && !('last' in fieldConfig.args)) return resolver;
    return (parent, args, ctx, info) => {
      for (const name of ['first', 'last'] as const) {
        const value = (args as Record<string, unknown>)[name];
        if (typeof value === 'number' && (value < 0 || value > MAX_PAGE_SIZE)) {
          throw pageSizeError(
            `Argument "${name}" of ${info.parentType.name}.${info.fieldName} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`,
            name,
          );
        }
      }
      return resolver(parent, args, ctx, info);
    };
  }
}

function pageSizeError(message: string, argument: string) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument, max: MAX_PAGE_SIZE } });
}

const pluginName = 'conventions';
declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      conventions: ConventionsPlugin<Types>;
    }
  }
}
SchemaBuilder.registerPlugin(pluginName, ConventionsPlugin);
export default pluginName;
