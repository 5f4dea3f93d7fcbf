// The shop's report setting: the time zone sales reports count days, weeks and
// months in (an IANA name; Asia/Jakarta unless changed).
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { Problems } from '../shared/validation.js';
import { isTimeZone } from '../shared/time-zones.js';

export interface ReportSettings {
  timeZone: string;
}

export async function readReportSettings(deps: Pick<TransactionDeps, 'prisma'> & { tenantId: number }): Promise<ReportSettings> {
  const tenant = await deps.prisma.tenant.findUniqueOrThrow({ where: { id: deps.tenantId }, select: { timeZone: true } });
  return { timeZone: tenant.timeZone };
}

export async function updateReportSettings(deps: TransactionDeps & { tenantId: number }, input: { timeZone: string }): Promise<ReportSettings> {
  const timeZone = input.timeZone.trim();
  const problems = new Problems();
  problems.check(isTimeZone(timeZone), ['timeZone'], 'must be an IANA time zone name such as "Asia/Jakarta" or "UTC"');
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const tenant = await tx.tenant.update({ where: { id: deps.tenantId }, data: { timeZone }, select: { timeZone: true } });
    return { timeZone: tenant.timeZone };
  });
}
