// What the operator scripts (apikey, documents:push) share: a usage error that
// prints as "Error: ..." with exit code 1, and the run around a command, on the
// database of DATABASE_URL (or the embedded one), migrated first.
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

/** A mistake in the command line or its input: printed without a stack, exit code 1. */
export class UsageError extends Error {}

/** Runs `command` on the migrated database; returns the process exit code (2: usage or configuration). */
export async function runCli(argv: string[], usage: string, command: (prisma: Db, argv: string[]) => Promise<string>): Promise<number> {
  if (!argv.length || argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return argv.length ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    await migrate(db.sql);
    console.log(await command(db.prisma, argv));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** Ends the process with the exit code `run` resolves to; a failure prints (a configuration error without its stack) and exits 1. */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? `config: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}
