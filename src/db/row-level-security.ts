// Whether PostgreSQL's row-level security applies to the role the server connects as.
// It does not for a superuser, a role with BYPASSRLS, or the tables' owner (the
// policies are enabled, not forced, so migrations and scripts can run as the owner).
import type { SqlRunner } from './client.js';
import { tenantNeutral } from './tenant-scope.js';

export interface RowLevelSecurityStatus {
  role: string;
  enforced: boolean;
  /** Why the policies do not apply to this role. */
  bypassedAs?: 'superuser' | 'BYPASSRLS' | 'table owner';
}

export async function rowLevelSecurityStatus(sql: SqlRunner): Promise<RowLevelSecurityStatus> {
  const [row] = await tenantNeutral(() =>
    sql.query<{ role: string; superuser: boolean; bypassrls: boolean; owner: boolean }>(
      // pg_has_role(..., 'USAGE'): members of the owner role count as the owner for RLS too.
      `SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relrowsecurity AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    ),
  );
  const bypassedAs = row!.superuser ? 'superuser' : row!.bypassrls ? 'BYPASSRLS' : row!.owner ? 'table owner' : undefined;
  return { role: row!.role, enforced: !bypassedAs, ...(bypassedAs ? { bypassedAs } : {}) };
}
