// npm run db:roles: as the owner of DATABASE_URL, applies pending migrations, then
// creates (or updates) the role of DATABASE_APP_URL, which the server's queries run
// as under row-level security, and grants it row access to the tables. Run it again
// any time: it changes nothing that is already right.
import { exitWith } from './cli.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { AppRoleError, setUpAppRole } from '../src/db/app-role.js';
import { rowLevelSecurityStatus } from '../src/db/row-level-security.js';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl || !config.databaseAppUrl) {
    console.error(
      'db:roles needs DATABASE_URL (the owner of the tables) and DATABASE_APP_URL (the role to set up), e.g.\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ordergraph \\\n' +
        '  DATABASE_APP_URL=postgres://ordergraph_app:secret@127.0.0.1:5432/ordergraph npm run db:roles',
    );
    return 2;
  }
  const owner = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  try {
    const applied = await migrate(owner.sql);
    if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
    const { role, created } = await setUpAppRole(owner.sql, config.databaseAppUrl);
    console.log(`${created ? 'created' : 'updated'} role "${role}": row access to the tables, no DDL`);
  } catch (error) {
    if (error instanceof AppRoleError) {
      console.error(`db:roles: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await owner.close();
  }
  // Check from the app role's own connection that the policies bind it.
  const app = await openDatabase({ databaseUrl: config.databaseAppUrl, poolSize: 1 });
  try {
    const status = await rowLevelSecurityStatus(app.sql);
    if (!status.enforced) {
      console.error(`db:roles: row-level security does not apply to "${status.role}" (${status.bypassedAs})`);
      return 1;
    }
    console.log(`row-level security applies to "${status.role}": start the server with DATABASE_APP_URL set`);
    return 0;
  } finally {
    await app.close();
  }
}

exitWith(main());
