// Applies the permission matrix (src/auth/permissions.ts) through plugin-scope-auth:
// every Mutation field gets the `authScopes` its name maps to, and the guarded
// object fields theirs, so no resolver repeats a role check and a new mutation
// that the matrix does not name is refused to everyone (and fails a test). The
// mutations of a lifecycle table (src/shared/state-machine.ts) take the roles of
// their row instead.
// Listed before ScopeAuthPlugin so the scopes are in place when it wraps resolvers.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { fieldPermission, mutationPermission } from '../auth/permissions.js';
import { mutationRoles, type Lifecycle, type State } from '../shared/state-machine.js';

/** Roles of mutations whose roles live in their own table (order transitions). */
export type MutationRolesLookup = (mutationName: string) => readonly string[] | undefined;

const lookups: MutationRolesLookup[] = [];
const lifecycles: Lifecycle<State, string, object, string>[] = [];

/** Lets a domain table (e.g. the order transitions) give roles to its mutations. */
export function registerMutationRoles(lookup: MutationRolesLookup): void {
  lookups.push(lookup);
}

/** Every mutation of a lifecycle table is run by the roles of its row, whatever the permission matrix says of its name. */
export function registerLifecycleRoles(lifecycle: Lifecycle<State, string, object, string>): void {
  if (lifecycles.includes(lifecycle)) return;
  lifecycles.push(lifecycle);
  const roles = mutationRoles([lifecycle]);
  registerMutationRoles((name) => roles.get(name));
}

/** The lifecycles whose mutations take their roles from their table, in the order they were registered. */
export function lifecyclesWithRoles(): readonly Lifecycle<State, string, object, string>[] {
  return lifecycles;
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
