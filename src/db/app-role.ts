// The login role the server runs its queries as (DATABASE_APP_URL), set up by the
// tables' owner (DATABASE_URL): not a superuser, no BYPASSRLS, not the owner, so the
// row-level security policies apply to it; it may read and write rows and use the
// id sequences, and create nothing. `npm run db:roles` runs this.
import type { SqlRunner } from './client.js';

export class AppRoleError extends Error {}

export interface AppRoleSetup {
  role: string;
  created: boolean;
}

function roleOf(appUrl: string): { name: string; password?: string } {
  const url = new URL(appUrl);
  const name = decodeURIComponent(url.username);
  if (!name) throw new AppRoleError('DATABASE_APP_URL names no user: expected postgres://<app role>:<password>@host/database');
  return { name, ...(url.password ? { password: decodeURIComponent(url.password) } : {}) };
}

/** Creates the app role if missing (with the password of its URL) and grants it what the server needs, nothing more. */
export async function setUpAppRole(owner: SqlRunner, appUrl: string): Promise<AppRoleSetup> {
  const { name, password } = roleOf(appUrl);
  const [me] = await owner.query<{ user: string }>('SELECT current_user AS "user"');
  if (me!.user === name) throw new AppRoleError(`DATABASE_APP_URL connects as "${name}", the same role as DATABASE_URL: the app role must be another one`);
  // format(%I, %L) quotes the name and the password; they come from a URL, not from code.
  const statement = async (template: string, ...args: string[]) => {
    const [row] = await owner.query<{ sql: string }>(`SELECT format('${template}', ${args.map((_, i) => `$${i + 1}::text`).join(', ')}) AS sql`, args);
    await owner.exec(row!.sql);
  };
  const [existing] = await owner.query<{ superuser: boolean; bypassrls: boolean; owner: boolean }>(
    `SELECT rolsuper AS superuser, rolbypassrls AS bypassrls,
            EXISTS (SELECT 1 FROM pg_class c WHERE c.relrowsecurity AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS owner
       FROM pg_roles r WHERE rolname = $1`,
    [name],
  );
  if (existing?.superuser || existing?.bypassrls || existing?.owner) {
    const why = existing.superuser ? 'is a superuser' : existing.bypassrls ? 'has BYPASSRLS' : 'owns the tables (or is a member of their owner)';
    throw new AppRoleError(`role "${name}" ${why}: row-level security would not apply to it. Use a role of its own for DATABASE_APP_URL`);
  }
  let created = false;
  if (!existing) {
    try {
      await statement(`CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE${password ? ' PASSWORD %L' : ''}`, name, ...(password ? [password] : []));
      created = true;
    } catch (error) {
      // Another setup (a parallel CI run) created it first: roles are per cluster.
      if ((error as { code?: string }).code !== '42710') throw error;
    }
  }
  if (!created && password) await statement('ALTER ROLE %I LOGIN PASSWORD %L', name, password);
  await owner.transaction(async (sql) => {
    const [where] = await sql.query<{ database: string; schema: string }>('SELECT current_database() AS database, current_schema() AS schema');
    const grant = async (template: string) => {
      const [row] = await sql.query<{ sql: string }>(`SELECT format('${template}', $1::text, $2::text, $3::text) AS sql`, [where!.database, where!.schema, name]);
      await sql.exec(row!.sql);
    };
    await grant('GRANT CONNECT ON DATABASE %1$I TO %3$I');
    await grant('GRANT USAGE ON SCHEMA %2$I TO %3$I');
    await grant('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %2$I TO %3$I');
    await grant('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %2$I TO %3$I');
    // Tables and sequences later migrations create (as this same owner) are granted too.
    await grant('ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %3$I');
    await grant('ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I GRANT USAGE, SELECT ON SEQUENCES TO %3$I');
    // The server only reads which migrations were applied (/readyz).
    const [migrations] = await sql.query<{ t: string | null }>(`SELECT to_regclass('"_ordergraph_migrations"')::text AS t`);
    if (migrations?.t) await grant('REVOKE INSERT, UPDATE, DELETE ON "_ordergraph_migrations" FROM %3$I');
    // Trusted documents are pushed by the operator (npm run documents:push); the server only reads them.
    const [trusted] = await sql.query<{ t: string | null }>(`SELECT to_regclass('"TrustedDocument"')::text AS t`);
    if (trusted?.t) await grant('REVOKE INSERT, UPDATE, DELETE ON "TrustedDocument" FROM %3$I');
  });
  return { role: name, created };
}
