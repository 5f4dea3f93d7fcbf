// Applies the permission matrix (src/auth/permissions.ts) through plugin-scope-auth:
// every Mutation field gets the `authScopes` its name maps to, and the guarded
// object fields theirs, so no resolver repeats a role check and a new mutation
// that the matrix does not name is refused to everyone (and fails a test).
// Listed before ScopeAuthPlugin so the scopes are in place when it wraps resolvers.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { fieldPermission, mutationPermission } from '../auth/permissions.js';

/** Roles of mutations whose roles live in their own table (order transitions). */
export type MutationRolesLookup = (mutationName: string) => readonly string[] | undefined;

const lookups: MutationRolesLookup[] = [];

/** Lets a domain table (e.g. the order transitions) give roles to its mutations. */
export function registerMutationRoles(lookup: MutationRolesLookup): void {
  lookups.push(lookup);
}

export function mutationScopes(name: string): { permission: string } | { roles: readonly string[] } {
  for (const lookup of lookups) {
    const roles = lookup(name);
    if (roles) return { roles };
  }
  const permission = mutationPermission(name);
  return permission ? { permission } : { roles: [] };
}

export class PermissionsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const options = fieldConfig.pothosOptions as { authScopes?: unknown };
    if (options.authScopes) return fieldConfig;
    let authScopes: object | undefined;
    if (fieldConfig.parentType === 'Mutation') authScopes = mutationScopes(fieldConfig.name);
    else {
      const permission = fieldPermission(fieldConfig.parentType, fieldConfig.name);
      if (permission) authScopes = { permission };
    }
    if (!authScopes) return fieldConfig;
    return { ...fieldConfig, pothosOptions: { ...fieldConfig.pothosOptions, authScopes } } as PothosOutputFieldConfig<Types>;
  }
}

const pluginName = 'permissions';
declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      permissions: PermissionsPlugin<Types>;
    }
  }
}
SchemaBuilder.registerPlugin(pluginName, PermissionsPlugin);
export default pluginName;
