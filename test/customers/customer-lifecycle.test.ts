// The customer activation lifecycle (seed 002 activation-status): the table, its
// checks, and every (status x transition) pair through the API.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CustAcceptDocument,
  CustActivateDocument,
  CustBlockDocument,
  CustDeactivateDocument,
  CustRefuseDocument,
  CustUnblockDocument,
  type CustomerStatus,
} from '../generated/graphql.js';
import {
  CUSTOMER_STATUSES,
  CUSTOMER_TRANSITION_NAMES,
  CUSTOMER_TRANSITIONS,
  type CustomerTransitionName,
  type CustomerTransitionRule,
} from '../../src/customers/customer-transitions.js';
import { assertCustomerTransition, availableCustomerTransitions, checkCustomerTransitionTable } from '../../src/customers/customer-state-machine.js';
import { InvalidCustomerTransitionError } from '../../src/customers/errors.js';
import { buildSchema } from '../../src/schema.js';
import { testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

beforeAll(async () => {
  await testApp();
});

/** Runs a transition's mutation with the input it requires (a reason where one is needed). */
async function run(t: TestTenant, transition: CustomerTransitionName, customerId: number, extra: { reason?: string; categoryCode?: string } = {}) {
  const customer = gid('Customer', customerId);
  switch (transition) {
    case 'accept':
      return (await query(t.key, CustAcceptDocument, { input: { customer, categoryCode: extra.categoryCode } })).customerAccept;
    case 'refuse':
      return (await query(t.key, CustRefuseDocument, { input: { customer, reason: extra.reason ?? 'Unknown shop' } })).customerRefuse;
    case 'activate':
      return (await query(t.key, CustActivateDocument, { input: { customer } })).customerActivate;
    case 'deactivate':
      return (await query(t.key, CustDeactivateDocument, { input: { customer, reason: extra.reason } })).customerDeactivate;
    case 'block':
      return (await query(t.key, CustBlockDocument, { input: { customer, reason: extra.reason ?? 'Unpaid orders' } })).customerBlock;
    case 'unblock':
      return (await query(t.key, CustUnblockDocument, { input: { customer } })).customerUnblock;
  }
}

const customerWithStatus = (t: TestTenant, status: CustomerStatus) =>
  t.prisma.customer.create({ data: { tenantId: t.id, name: `Customer ${status}`, status } });

const upper = (names: string[]) => names.map((n) => n.toUpperCase());

describe('the customer activation table', () => {
  it('reaches every status from the starting ones, and every status but REFUSED has a way out', () => {
    expect(checkCustomerTransitionTable()).toEqual([]);
  });

  it('names what is wrong with a broken table', () => {
    const table: Record<string, CustomerTransitionRule> = { ...CUSTOMER_TRANSITIONS };
    const without = (name: string) => Object.fromEntries(Object.entries(table).filter(([n]) => n !== name));
    expect(checkCustomerTransitionTable(without('unblock'))).toEqual(['BLOCKED has no way out']);
    expect(checkCustomerTransitionTable(without('refuse'))).toEqual(['REFUSED cannot be reached']);
    const reopen: CustomerTransitionRule = { ...table.activate!, mutation: 'customerReopen', from: ['REFUSED'], to: 'PENDING' };
    expect(checkCustomerTransitionTable({ ...table, reopen })).toEqual(['REFUSED is final but can be left by reopen']);
    const again: CustomerTransitionRule = { ...table.accept!, from: ['ACTIVE'], to: 'ACTIVE' };
    expect(checkCustomerTransitionTable({ ...table, again })).toEqual(['customerAccept runs two transitions', 'again may leave ACTIVE for ACTIVE']);
  });

  it('has one mutation per row, typed with InvalidCustomerTransitionError, and one enum value per row', () => {
    const schema = buildSchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields()).filter((n) => /^customer(?!Category|Address|Create|Update|Delete)/.test(n));
    expect(mutations.sort()).toEqual(CUSTOMER_TRANSITION_NAMES.map((name) => CUSTOMER_TRANSITIONS[name].mutation).sort());
    for (const name of mutations) {
      const result = schema.getType(`${name[0]!.toUpperCase()}${name.slice(1)}Result`);
      expect(result && 'getTypes' in result ? result.getTypes().map((t) => t.name) : []).toContain('InvalidCustomerTransitionError');
    }
    const transitionEnum = schema.getType('CustomerTransition');
    expect(transitionEnum && 'getValues' in transitionEnum ? transitionEnum.getValues().map((v) => v.name) : []).toEqual(upper(CUSTOMER_TRANSITION_NAMES));
  });

  it('lists the available transitions per status in table order and refuses the others with what is allowed', () => {
    expect(availableCustomerTransitions('PENDING')).toEqual(['accept', 'refuse', 'block']);
    expect(availableCustomerTransitions('REFUSED')).toEqual([]);
    expect(assertCustomerTransition('BLOCKED', 'unblock').to).toBe('ACTIVE');
    expect(() => assertCustomerTransition('REFUSED', 'accept')).toThrow(InvalidCustomerTransitionError);
    try {
      assertCustomerTransition('ACTIVE', 'accept');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_CUSTOMER_TRANSITION', from: 'ACTIVE', transition: 'accept', allowed: ['PENDING'], available: ['deactivate', 'block'] });
    }
  });
});

const pairs = CUSTOMER_STATUSES.flatMap((status) =>
  CUSTOMER_TRANSITION_NAMES.map((transition) => {
    const rule: CustomerTransitionRule = CUSTOMER_TRANSITIONS[transition];
    return { status, transition, allowed: rule.from.includes(status), to: rule.to, mutation: rule.mutation };
  }),
);

describe('every (status x transition) pair through the API', () => {
  it.each(pairs)('$transition from $status: applies exactly when the table allows it ($allowed)', async ({ status, transition, allowed, to, mutation }) => {
    const t = await newTenant();
    const c = await customerWithStatus(t, status);
    const before = await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
    const result = await run(t, transition, c.id);
    const after = await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
    if (allowed) {
      expect(result).toMatchObject({
        __typename: `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Payload`,
        transition: transition.toUpperCase(),
        from: status,
        to,
        customer: { status: to, availableTransitions: upper(availableCustomerTransitions(to)) },
      });
      expect(after.status).toBe(to);
    } else {
      expect(result).toMatchObject({
        __typename: 'InvalidCustomerTransitionError',
        code: 'INVALID_CUSTOMER_TRANSITION',
        from: status,
        transition: transition.toUpperCase(),
        allowed: CUSTOMER_TRANSITIONS[transition].from,
        available: upper(availableCustomerTransitions(status)),
      });
      expect(after).toEqual(before);
    }
  });

  it.each(CUSTOMER_STATUSES)('Customer.availableTransitions of a %s customer is what the table allows', async (status) => {
    const t = await newTenant();
    const c = await customerWithStatus(t, status);
    const result = await run(t, 'block', c.id);
    const statusNow = result.__typename === 'CustomerBlockPayload' ? result.customer.status : status;
    const expected = upper(availableCustomerTransitions(statusNow));
    if (result.__typename === 'CustomerBlockPayload') expect(result.customer.availableTransitions).toEqual(expected);
    else expect(result).toMatchObject({ available: expected });
  });
});

describe('lifecycle inputs', () => {
  it('accepts a pending customer into a category given by code, as seed 002 does', async () => {
    const t = await newTenant();
    await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const c = await customerWithStatus(t, 'PENDING');
    const result = await run(t, 'accept', c.id, { categoryCode: 'Y' });
    expect(result).toMatchObject({ __typename: 'CustomerAcceptPayload', from: 'PENDING', to: 'ACTIVE', reason: null, customer: { status: 'ACTIVE', category: { code: 'Y' } } });
  });

  it('refuses to accept into an unknown category, changing nothing', async () => {
    const t = await newTenant();
    const c = await customerWithStatus(t, 'PENDING');
    const result = await run(t, 'accept', c.id, { categoryCode: 'NOPE' });
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['categoryCode'] }] });
    expect(await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'PENDING', categoryId: null });
  });

  it('returns the reason of a block in the payload without storing it on the customer', async () => {
    const t = await newTenant();
    const c = await customerWithStatus(t, 'ACTIVE');
    const result = await run(t, 'block', c.id, { reason: '  Three unpaid COD orders ' });
    expect(result).toMatchObject({ __typename: 'CustomerBlockPayload', reason: 'Three unpaid COD orders', from: 'ACTIVE', to: 'BLOCKED' });
    expect(await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'BLOCKED', notes: null });
  });

  it.each(['refuse', 'block'] as const)('%s needs a reason that is not blank', async (transition) => {
    const t = await newTenant();
    const c = await customerWithStatus(t, 'PENDING');
    const result = await run(t, transition, c.id, { reason: '   ' });
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['reason'], message: 'must not be empty' }] });
    expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('PENDING');
  });

  it('deactivates with or without a reason', async () => {
    const t = await newTenant();
    const c = await customerWithStatus(t, 'ACTIVE');
    expect(await run(t, 'deactivate', c.id)).toMatchObject({ __typename: 'CustomerDeactivatePayload', reason: null, to: 'INACTIVE' });
  });
});

describe('lifecycle and tenants', () => {
  it.each(CUSTOMER_TRANSITION_NAMES)(
    "%s of another tenant's customer is NotFound and changes nothing",
    async (transition) => {
      const t = await newTenant();
      const other = await newTenant();
      const theirs = await customerWithStatus(other, CUSTOMER_TRANSITIONS[transition].from[0]);
      const before = await other.prisma.customer.findUniqueOrThrow({ where: { id: theirs.id } });
      expect(await run(t, transition, theirs.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'Customer', id: String(theirs.id) });
      expect(await other.prisma.customer.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
    },
  );

  it('a deleted customer has no transitions and cannot be moved', async () => {
    const t = await newTenant();
    const c = await t.prisma.customer.create({ data: { tenantId: t.id, name: 'Gone', status: 'ACTIVE', deletedAt: new Date() } });
    expect(await run(t, 'block', c.id)).toMatchObject({ __typename: 'NotFoundError' });
    expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('ACTIVE');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('concurrent transitions (PostgreSQL)', () => {
  it('lets exactly one of ten concurrent blocks win; the others see BLOCKED', async () => {
    const t = await newTenant();
    const c = await customerWithStatus(t, 'ACTIVE');
    const results = await Promise.all(Array.from({ length: 10 }, () => run(t, 'block', c.id)));
    expect(results.filter((r) => r.__typename === 'CustomerBlockPayload')).toHaveLength(1);
    const lost = results.filter((r) => r.__typename === 'InvalidCustomerTransitionError');
    expect(lost).toHaveLength(9);
    for (const r of lost) expect(r).toMatchObject({ from: 'BLOCKED', allowed: ['PENDING', 'ACTIVE', 'INACTIVE'], available: ['UNBLOCK'] });
  });

  it('lets either accept or refuse win on a pending customer, never both', async () => {
    const t = await newTenant();
    const c = await customerWithStatus(t, 'PENDING');
    const results = await Promise.all([...Array.from({ length: 5 }, () => run(t, 'accept', c.id)), ...Array.from({ length: 5 }, () => run(t, 'refuse', c.id))]);
    const winners = results.filter((r) => r.__typename === 'CustomerAcceptPayload' || r.__typename === 'CustomerRefusePayload');
    expect(winners).toHaveLength(1);
    const status = (await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).status;
    expect(status).toBe(winners[0]!.__typename === 'CustomerAcceptPayload' ? 'ACTIVE' : 'REFUSED');
    expect(results.filter((r) => r.__typename === 'InvalidCustomerTransitionError')).toHaveLength(9);
  });
});
