// The transition table itself: sound (every status reachable, a way out of every
// non-final status), and in step with the schema (one mutation per entry and
// no transition mutation the table does not know).
import { getNamedType, getNullableType, isEnumType, isInputObjectType, isNonNullType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { InvalidTransitionError, OrderIsDraftError } from '../../src/orders/errors.js';
import { assertApplicable, availableTransitions, checkTable } from '../../src/orders/state-machine.js';
import {
  CANCELLATION_REQUEST_TRANSITIONS,
  FINAL_STATUSES,
  ORDER_KINDS,
  ORDER_STATUSES,
  TRANSITION_NAMES,
  TRANSITIONS,
} from '../../src/orders/transitions.js';

const schema = buildSchema();
const mutationFields = schema.getMutationType()!.getFields();

describe('transition table', () => {
  it('reaches every status from PENDING and leaves every non-final status, for every order kind', () => {
    expect(checkTable()).toEqual([]);
  });

  it.each(ORDER_KINDS)('has a way out of every non-final status for %s orders', (kind) => {
    for (const status of ORDER_STATUSES.filter((s) => !FINAL_STATUSES.includes(s))) {
      expect(availableTransitions(status, kind).length, `${kind} ${status}`).toBeGreaterThan(0);
    }
  });

  it('follows seed 001 flow: cancel before shipping, return after', () => {
    expect(TRANSITIONS.cancel.from).toEqual(['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED']);
    expect(TRANSITIONS.return.from).toEqual(['SHIPPED', 'COMPLETED']);
    expect(availableTransitions('CANCELLED', 'SALE')).toEqual([]);
    expect(availableTransitions('RETURNED', 'SALE')).toEqual([]);
  });

  it('lets a draft only be cancelled', () => {
    expect(availableTransitions('PENDING', 'SALE', true)).toEqual(['cancel']);
    expect(() => assertApplicable({ id: 1, status: 'PENDING', kind: 'SALE', isDraft: true }, 'confirm')).toThrow(OrderIsDraftError);
  });

  it('refuses a transition of another kind with an empty allowed list', () => {
    const attempt = () => assertApplicable({ id: 1, status: 'SHIPPED', kind: 'SALE', isDraft: false }, 'validate');
    expect(attempt).toThrow(InvalidTransitionError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidTransitionError).allowed).toEqual([]);
    }
  });

  it('names only effects, roles and kinds that exist', () => {
    for (const name of TRANSITION_NAMES) {
      const rule = TRANSITIONS[name];
      expect(rule.roles.length, name).toBeGreaterThan(0);
      expect(rule.kinds.length, name).toBeGreaterThan(0);
      expect(ORDER_STATUSES).toContain(rule.to);
    }
  });
});

describe('table and schema', () => {
  const tableMutations = [
    ...TRANSITION_NAMES.map((name) => TRANSITIONS[name].mutation),
    ...Object.values(CANCELLATION_REQUEST_TRANSITIONS).flatMap((rule) => ('mutation' in rule ? [rule.mutation] : [])),
  ];

  it.each(TRANSITION_NAMES)('has a mutation for %s whose input is the table entry plus order and expectedVersion', (name) => {
    const rule = TRANSITIONS[name];
    const field = mutationFields[rule.mutation];
    expect(field, rule.mutation).toBeDefined();
    const inputArg = field!.args.find((a) => a.name === 'input')!;
    const inputType = getNullableType(inputArg.type);
    if (!isInputObjectType(inputType)) throw new Error('input is not an input object');
    const fields = inputType.getFields();
    expect(Object.keys(fields).sort()).toEqual(['expectedVersion', 'order', ...rule.input.map((spec) => spec.name)].sort());
    for (const spec of rule.input) {
      expect(isNonNullType(fields[spec.name]!.type), `${rule.mutation}.${spec.name} required`).toBe(spec.required);
      expect(String(getNullableType(fields[spec.name]!.type)), `${rule.mutation}.${spec.name} type`).toBe(spec.type === 'ID' ? 'ID' : spec.type);
    }
    const result = getNamedType(field!.type);
    if (!isUnionType(result)) throw new Error('result is not a union');
    expect(result.getTypes().map((t) => t.name)).toEqual(expect.arrayContaining(['InvalidTransitionError', 'VersionConflictError', 'OrderIsDraftError']));
  });

  it('has no order status mutation the table does not declare', () => {
    // Mutations that change an order's lifecycle: order<Verb> besides create / edit / place / tags /
    // transfer code, and the catalogues of reasons and sources.
    const lifecycle = Object.keys(mutationFields).filter(
      (name) =>
        /^order[A-Z]/.test(name) &&
        !['orderCreate', 'orderEdit', 'orderPlace', 'orderTagsUpdate', 'orderTransferCodeAssign'].includes(name) &&
        !name.startsWith('orderReason') &&
        !name.startsWith('orderSource'),
    );
    expect(lifecycle.sort()).toEqual([...tableMutations].sort());
    expect(mutationFields.ordersTransition).toBeDefined();
  });

  it('offers every table transition in the bulk enum', () => {
    const type = schema.getType('OrderTransitionName');
    if (!isEnumType(type)) throw new Error('OrderTransitionName is not an enum');
    expect(type.getValues().map((v) => v.value).sort()).toEqual([...TRANSITION_NAMES].sort());
  });
});
