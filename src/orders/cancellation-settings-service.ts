// The tenant's cancellation request setting: how long a request waits for a
// decision before it expires (seed 001 cancel_sla_at; 48 hours unless changed).
// A change applies to requests made after it; open requests keep their deadline.
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { Problems } from '../shared/validation.js';

/** Bounds of the deadline, in minutes: one minute to 30 days. */
export const DEADLINE_MINUTES = { min: 1, max: 43_200 } as const;

export interface CancellationSettings {
  deadlineMinutes: number;
}

export async function readCancellationSettings(deps: Pick<TransactionDeps, 'prisma'> & { tenantId: number }): Promise<CancellationSettings> {
  const tenant = await deps.prisma.tenant.findUniqueOrThrow({ where: { id: deps.tenantId }, select: { cancellationRequestDeadlineMinutes: true } });
  return { deadlineMinutes: tenant.cancellationRequestDeadlineMinutes };
}

export async function updateCancellationSettings(deps: TransactionDeps & { tenantId: number }, input: { deadlineMinutes: number }): Promise<CancellationSettings> {
  const problems = new Problems();
  problems.check(
    Number.isInteger(input.deadlineMinutes) && input.deadlineMinutes >= DEADLINE_MINUTES.min && input.deadlineMinutes <= DEADLINE_MINUTES.max,
    ['deadlineMinutes'],
    `must be a whole number of minutes from ${DEADLINE_MINUTES.min} to ${DEADLINE_MINUTES.max}`,
  );
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const tenant = await tx.tenant.update({
      where: { id: deps.tenantId },
      data: { cancellationRequestDeadlineMinutes: input.deadlineMinutes },
      select: { cancellationRequestDeadlineMinutes: true },
    });
    return { deadlineMinutes: tenant.cancellationRequestDeadlineMinutes };
  });
}
