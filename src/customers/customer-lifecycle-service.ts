// The one writer of Customer.status: applies a transition of the activation table
// in one transaction, with a compare-and-set on the status so two concurrent
// transitions of one customer cannot both win.
import type { CustomerStatus } from '../db/generated/prisma/enums.js';
import { transaction } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import type { CustomerDeps } from './customer-service.js';
import { resolveCategory } from './customer-fields.js';
import { assertCustomerTransition, availableCustomerTransitions, customerTransition } from './customer-state-machine.js';
import type { CustomerTransitionName } from './customer-transitions.js';
import { InvalidCustomerTransitionError } from './errors.js';

export interface CustomerTransitionInput {
  customerId: number;
  transition: CustomerTransitionName;
  reason?: string | null;
  categoryId?: number | null;
  categoryCode?: string | null;
}

export interface CustomerTransitioned {
  customerId: number;
  transition: CustomerTransitionName;
  from: CustomerStatus;
  to: CustomerStatus;
  /** Kept in the payload only: the Customer row has no column for it (notes are for people). */
  reason: string | null;
}

type LifecycleDeps = CustomerDeps & { log: { info: (obj: object, msg: string) => void } };

/** NotFound (missing, deleted, another tenant's), then InvalidCustomerTransitionError, then the input's problems; else the change. */
export async function applyCustomerTransition(deps: LifecycleDeps, input: CustomerTransitionInput): Promise<CustomerTransitioned> {
  const name = input.transition;
  const rule = customerTransition(name);
  const takes = (field: string) => rule.input.find((spec) => spec.name === field);
  const problems = new Problems();
  const reasonSpec = takes('reason');
  const reason = reasonSpec ? checkText(problems, ['reason'], input.reason, { required: reasonSpec.required, max: 500 }) || null : null;
  if (!reasonSpec) problems.check(input.reason == null, ['reason'], `is not taken by ${rule.mutation}`);
  const setsCategory = (rule.effects as readonly string[]).includes('setCategory');
  if (!setsCategory) problems.check(input.categoryId == null && input.categoryCode == null, ['category'], `is not taken by ${rule.mutation}`);
  const result = await transaction(deps, async ({ tx }) => {
    const customer = await tx.customer.findFirst({
      where: { id: input.customerId, tenantId: deps.tenantId, deletedAt: null },
      select: { id: true, status: true, categoryId: true },
    });
    if (!customer) throw new NotFoundError('Customer', String(input.customerId));
    assertCustomerTransition(customer.status, name);
    const categoryId = setsCategory ? await resolveCategory(tx, deps.tenantId, problems, input, customer.categoryId) : undefined;
    problems.throwIfAny();
    // Compare-and-set: only from the status just read. A concurrent transition that
    // committed first leaves 0 rows here (PostgreSQL re-checks the WHERE after the row lock).
    const { count } = await tx.customer.updateMany({
      where: { id: customer.id, tenantId: deps.tenantId, status: customer.status, deletedAt: null },
      data: { status: rule.to, ...(categoryId !== undefined ? { categoryId } : {}) },
    });
    if (count === 0) {
      const now = await tx.customer.findFirst({ where: { id: customer.id, deletedAt: null }, select: { status: true } });
      if (!now) throw new NotFoundError('Customer', String(input.customerId));
      throw new InvalidCustomerTransitionError(now.status, name, rule.from, availableCustomerTransitions(now.status));
    }
    return { customerId: customer.id, transition: name, from: customer.status, to: rule.to, reason };
  });
  // No audit table for customers: the log keeps who did what.
  deps.log.info({ customerId: result.customerId, transition: result.transition, from: result.from, to: result.to, actor: deps.viewer.actor }, 'customer transition');
  return result;
}
