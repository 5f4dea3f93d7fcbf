// Customers (seed 002 /customer create, update; seed 004 customers add / update /
// delete): every field of the Customer row, checked before anything is written.
// The status changes only through the activation table (customer-lifecycle-service.ts).
import type { CustomerStatus } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionDeps, type Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { CUSTOMER_INITIAL_STATUSES } from './customer-transitions.js';
import { checkEmail, checkOptionalText, checkPhone, checkPostalCode, checkRegion, resolveCategory } from './customer-fields.js';

export interface CustomerDeps extends TransactionDeps {
  tenantId: number;
  viewer: { actor: string };
}

/** Fields of a customer; undefined = not given (unchanged), null = cleared. */
export interface CustomerFields {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  lineId?: string | null;
  otherContact?: string | null;
  categoryId?: number | null;
  categoryCode?: string | null;
  address?: string | null;
  regionId?: number | null;
  postalCode?: string | null;
  notes?: string | null;
}

/** The customer row if it exists for the tenant and is not deleted, locked until the transaction ends. */
export async function lockLiveCustomer(tx: Tx, tenantId: number, customerId: number) {
  const rows = await tx.$queryRaw<Array<{ id: number; status: CustomerStatus; categoryId: number | null; name: string }>>`
    SELECT "id", "status"::text AS "status", "categoryId", "name" FROM "Customer"
     WHERE "id" = ${customerId} AND "tenantId" = ${tenantId} AND "deletedAt" IS NULL
       FOR UPDATE`;
  const customer = rows[0];
  if (!customer) throw new NotFoundError('Customer', String(customerId));
  return customer;
}

/** Checks the text fields (no database); `creating` makes the name required. */
function checkCustomerText(problems: Problems, input: CustomerFields, creating: boolean) {
  const name = input.name !== undefined || creating ? checkText(problems, ['name'], input.name, { required: true, max: 100 }) : undefined;
  return {
    name,
    phone: checkPhone(problems, ['phone'], input.phone),
    email: checkEmail(problems, ['email'], input.email),
    lineId: checkOptionalText(problems, ['lineId'], input.lineId, 50),
    otherContact: checkOptionalText(problems, ['otherContact'], input.otherContact, 200),
    address: checkOptionalText(problems, ['address'], input.address, 500),
    postalCode: checkPostalCode(problems, ['postalCode'], input.postalCode),
    notes: checkOptionalText(problems, ['notes'], input.notes, 2000),
  };
}

export async function createCustomer(deps: CustomerDeps, input: CustomerFields & { name: string; status?: CustomerStatus | null }): Promise<{ customerId: number }> {
  const problems = new Problems();
  const fields = checkCustomerText(problems, input, true);
  const status = input.status ?? 'ACTIVE';
  if (!CUSTOMER_INITIAL_STATUSES.includes(status)) {
    problems.add(['status'], `a customer starts as ${CUSTOMER_INITIAL_STATUSES.join(', ')}; ${status} is reached through its transition`);
  }
  return transaction(deps, async ({ tx }) => {
    await checkRegion(tx, deps.tenantId, problems, ['region'], input.regionId);
    const categoryId = await resolveCategory(tx, deps.tenantId, problems, input);
    problems.throwIfAny();
    const customer = await tx.customer.create({
      data: { tenantId: deps.tenantId, ...fields, name: fields.name!, status, categoryId: categoryId ?? null, regionId: input.regionId ?? null },
      select: { id: true },
    });
    return { customerId: customer.id };
  });
}

export async function updateCustomer(deps: CustomerDeps, customerId: number, input: CustomerFields): Promise<{ customerId: number }> {
  const problems = new Problems();
  const fields = checkCustomerText(problems, input, false);
  return transaction(deps, async ({ tx }) => {
    const customer = await lockLiveCustomer(tx, deps.tenantId, customerId);
    await checkRegion(tx, deps.tenantId, problems, ['region'], input.regionId);
    const categoryId = await resolveCategory(tx, deps.tenantId, problems, input, customer.categoryId);
    problems.throwIfAny();
    await tx.customer.update({
      where: { id: customer.id },
      data: { ...fields, categoryId, regionId: input.regionId },
    });
    return { customerId: customer.id };
  });
}

export interface CustomerDeleted {
  customerId: number;
  /** True when orders name the customer: the row stays (deletedAt set) so those orders keep it. */
  softDeleted: boolean;
  orderCount: number;
}

/**
 * Deletes a customer. Orders (as buyer or as a sender / receiver party) keep the
 * customer they name, so a customer with orders is only marked deleted: left out
 * of lists and of every write, still shown on its orders. Without orders the row
 * and its addresses go.
 */
export async function deleteCustomer(deps: CustomerDeps, customerId: number): Promise<CustomerDeleted> {
  return transaction(deps, async ({ tx }) => {
    const customer = await lockLiveCustomer(tx, deps.tenantId, customerId);
    const orderCount = await tx.order.count({ where: { tenantId: deps.tenantId, customerId: customer.id } });
    const partyCount = await tx.orderParty.count({ where: { customerId: customer.id } });
    if (orderCount || partyCount) {
      await tx.customer.update({ where: { id: customer.id }, data: { deletedAt: new Date() } });
      return { customerId: customer.id, softDeleted: true, orderCount };
    }
    await tx.customer.delete({ where: { id: customer.id } });
    return { customerId: customer.id, softDeleted: false, orderCount: 0 };
  });
}
