// Every (status x transition) pair, for a sale and a transfer order: the mutation
// succeeds exactly when the table allows it; otherwise a typed
// InvalidTransitionError and nothing changed (order row, events, stock).
// The documents are built from the table (one per transition), so a new table
// entry is covered without editing this file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderKind, OrderStatus } from '../../src/db/generated/prisma/enums.js';
import { availableTransitions } from '../../src/orders/state-machine.js';
import { ORDER_STATUSES, TRANSITION_NAMES, TRANSITIONS, type TransitionName } from '../../src/orders/transitions.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const REQUIRED_INPUT: Partial<Record<TransitionName, Record<string, unknown>>> = {
  cancel: { reason: 'OTHER' },
  setPending: { reason: 'on hold' },
  return: { returnBy: 'customer_request' },
};

function documentFor(name: TransitionName): string {
  const mutation = TRANSITIONS[name].mutation;
  return `mutation Run($input: ${upperFirst(mutation)}Input!) {
    ${mutation}(input: $input) {
      __typename
      ... on ${upperFirst(mutation)}Payload { order { status version } event { sequence type fromStatus toStatus } }
      ... on Error { code }
      ... on InvalidTransitionError { transition from allowed }
    }
  }`;
}

const pairs = ORDER_STATUSES.flatMap((status) => TRANSITION_NAMES.map((transition) => [status, transition] as const));

describe.each<OrderKind>(['SALE', 'RELOCATION'])('%s order: every status x transition', (kind) => {
  let t: TestTenant;
  let variationId: number;
  let warehouseId: number;
  let destinationId: number;

  beforeAll(async () => {
    t = await newTenant();
    warehouseId = (await t.warehouse()).id;
    destinationId = (await t.warehouse()).id;
    variationId = (await t.product({ variations: [{ stock: { [warehouseId]: 1000 } }] })).variations[0]!.id;
  });

  const snapshot = async (orderId: number) => ({
    order: await t.prisma.order.findUniqueOrThrow({ where: { id: orderId } }),
    events: await t.prisma.orderEvent.count({ where: { orderId } }),
    stock: await t.prisma.stockLevel.findMany({ where: { variationId }, select: { warehouseId: true, onHand: true, reserved: true }, orderBy: { id: 'asc' } }),
    movements: await t.prisma.stockMovement.count({ where: { variationId } }),
  });

  it.each(pairs)(`from %s, %s succeeds exactly when the table allows it`, async (status: OrderStatus, transition: TransitionName) => {
    const order = await t.order({ kind, status, items: [{ variationId, quantity: 1 }] });
    await t.prisma.order.update({ where: { id: order.id }, data: { originWarehouseId: warehouseId, destinationWarehouseId: destinationId } });
    const allowed = availableTransitions(status, kind).includes(transition);
    const before = await snapshot(order.id);
    const data = await query<Record<string, Record<string, unknown>>, unknown>(t.key, documentFor(transition), {
      input: { order: gid('Order', order.id), ...REQUIRED_INPUT[transition] },
    });
    const result = data[TRANSITIONS[transition].mutation]!;
    if (allowed) {
      expect(result).toMatchObject({
        __typename: `${upperFirst(TRANSITIONS[transition].mutation)}Payload`,
        order: { status: TRANSITIONS[transition].to, version: before.order.version + 1 },
        event: { sequence: 1, type: transition, fromStatus: status, toStatus: TRANSITIONS[transition].to },
      });
    } else {
      expect(result).toMatchObject({
        __typename: 'InvalidTransitionError',
        code: 'INVALID_TRANSITION',
        transition,
        from: status,
        allowed: (TRANSITIONS[transition].kinds as readonly OrderKind[]).includes(kind) ? [...TRANSITIONS[transition].from] : [],
      });
      expect(await snapshot(order.id)).toEqual(before);
    }
  });
});
