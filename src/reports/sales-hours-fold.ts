// The sweep that keeps SalesHour small: writers add to their connection's slot row (so
// concurrent writers neither wait for nor deadlock on one another), and every
// intervalMs the slot rows of hours that ended over an hour ago are folded into one row
// per hour and channel, across tenants, by a SECURITY DEFINER function. Several
// instances may run it: each fold is one statement, and a row moves once.
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { tenantNeutral } from '../db/tenant-scope.js';
import { everyInterval } from '../shared/periodic.js';

const HOUR = 3_600_000;

export interface SalesHoursFold {
  /** Folds now (tests; the timer folds by itself) the hours that ended over an hour before `now`. Resolves with the slot rows folded. */
  runOnce(now?: Date): Promise<number>;
  stop(): Promise<void>;
}

export function startSalesHoursFold(deps: { db: Database; log: Logger; /** 0: no timer. */ intervalMs: number }): SalesHoursFold {
  const { db, log } = deps;
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;

  function runOnce(now = new Date()): Promise<number> {
    // One fold at a time; a caller during a fold waits for it, then runs its own.
    running = running
      .catch(() => 0)
      .then(async () => {
        const before = new Date(Math.floor(now.getTime() / HOUR) * HOUR - HOUR);
        const [row] = await tenantNeutral(() => db.sql.query<{ folded: number }>('SELECT sales_hours_fold($1::timestamptz) AS folded', [before.toISOString()]));
        const folded = Number(row?.folded ?? 0);
        if (folded) log.debug({ folded }, 'sales hours folded');
        return folded;
      });
    return running;
  }

  const timer = everyInterval(deps.intervalMs, () => {
    if (!stopped) runOnce().catch((error: unknown) => log.warn({ err: error }, 'sales hours fold failed'));
  });

  return {
    runOnce,
    async stop() {
      stopped = true;
      timer.stop();
      await running.catch(() => 0);
    },
  };
}
