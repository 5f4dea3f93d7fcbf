// The filter -> where translation is pure: these tests need no database.
import { describe, expect, it } from 'vitest';
import { orderWhere } from '../../src/orders/order-filters.js';
import { everyStatus, statusCountSource } from '../../src/orders/order-status-counts.js';

const gid = (typename: string, id: number) => ({ typename, id: String(id) });

describe('orderWhere', () => {
  it('always scopes to the tenant, and adds nothing else without a filter', () => {
    expect(orderWhere(7, undefined)).toEqual({ tenantId: 7 });
    expect(orderWhere(7, {})).toEqual({ tenantId: 7 });
    expect(orderWhere(7, { statuses: [], search: '   ', printed: null })).toEqual({ tenantId: 7 });
  });

  it('turns lists into IN conditions and lower-cases channels', () => {
    expect(orderWhere(1, { statuses: ['PENDING', 'PACKED'], paymentStatuses: ['PAID'], kinds: ['SALE'], channels: [' Shopee '] })).toEqual({
      tenantId: 1,
      AND: [
        { status: { in: ['PENDING', 'PACKED'] } },
        { paymentStatus: { in: ['PAID'] } },
        { kind: { in: ['SALE'] } },
        { channel: { in: ['shopee'] } },
      ],
    });
  });

  it('decodes global ids into foreign keys and relation conditions', () => {
    const where = orderWhere(1, {
      source: gid('OrderSource', 3),
      customer: gid('Customer', 4),
      courier: gid('Courier', 5),
    });
    expect(where.AND).toEqual([{ sourceId: 3 }, { customerId: 4 }, { shipments: { some: { courierId: 5 } } }]);
  });

  it('matches a warehouse as the origin or through any allocation', () => {
    expect(orderWhere(1, { warehouse: gid('Warehouse', 9) }).AND).toEqual([
      { OR: [{ originWarehouseId: 9 }, { items: { some: { allocations: { some: { warehouseId: 9 } } } } }] },
    ]);
  });

  it("prefers the category recorded on the order over the customer's", () => {
    expect(orderWhere(1, { customerCategory: gid('CustomerCategory', 2) }).AND).toEqual([
      { OR: [{ customerCategoryId: 2 }, { customerCategoryId: null, customer: { is: { categoryId: 2 } } }] },
    ]);
  });

  it('filters printed, drafts, product stock types and date ranges', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-02-01T00:00:00Z');
    expect(
      orderWhere(1, {
        printed: true,
        isDraft: false,
        productTypes: ['PREORDER'],
        createdAt: { from, to },
        orderedAt: { from },
        paidAt: { to },
        shippedAt: {},
      }).AND,
    ).toEqual([
      { items: { some: { variation: { is: { product: { is: { stockType: { in: ['PREORDER'] } } } } } } } },
      { printedAt: { not: null } },
      { isDraft: false },
      { createdAt: { gte: from, lt: to } },
      { orderedAt: { gte: from } },
      { paidAt: { lt: to } },
    ]);
    expect(orderWhere(1, { printed: false }).AND).toEqual([{ printedAt: null }]);
  });

  it('searches code, external ref, customer, parties, SKUs and tracking numbers in one OR', () => {
    const text = { contains: 'jne 1', mode: 'insensitive' };
    expect(orderWhere(1, { search: ' jne 1 ' }).AND).toEqual([
      {
        OR: [
          { code: text },
          { externalRef: text },
          { customer: { is: { OR: [{ name: text }, { phone: text }] } } },
          { parties: { some: { OR: [{ name: text }, { phone: text }] } } },
          { items: { some: { sku: text } } },
          { shipments: { some: { trackingNumber: text } } },
        ],
      },
    ]);
  });

  it('keeps OR filters apart by ANDing every condition', () => {
    const where = orderWhere(1, { warehouse: gid('Warehouse', 1), search: 'x', statuses: ['PENDING'] });
    expect(where.AND).toHaveLength(3);
  });

  it('refuses a channel longer than a channel code can be (40 characters)', () => {
    expect(() => orderWhere(1, { channels: ['offline', 'c'.repeat(41)] })).toThrow('filter.channels[1] must be at most 40 characters');
    expect(orderWhere(1, { channels: ['c'.repeat(40)] })).toEqual({ tenantId: 1, AND: [{ channel: { in: ['c'.repeat(40)] } }] });
  });

  it('refuses an id of the wrong type', () => {
    expect(() => orderWhere(1, { customer: gid('Warehouse', 1) })).toThrow(/Expected a Customer id/);
  });
});

describe('status counts', () => {
  it('lists every status in lifecycle order with zeros for missing ones', () => {
    expect(everyStatus(new Map([['SHIPPED', 4], ['PENDING', 2]]))).toEqual([
      { status: 'PENDING', count: 2 },
      { status: 'CONFIRMED', count: 0 },
      { status: 'PROCESSING', count: 0 },
      { status: 'PACKED', count: 0 },
      { status: 'SHIPPED', count: 4 },
      { status: 'COMPLETED', count: 0 },
      { status: 'CANCELLED', count: 0 },
      { status: 'RETURNED', count: 0 },
    ]);
  });

  it('reads the counter only when every condition is on one of its keys', () => {
    const cases: Array<[Parameters<typeof statusCountSource>[1], 'counter' | 'orders']> = [
      [null, 'counter'],
      [{}, 'counter'],
      [{ statuses: ['PENDING'], paymentStatuses: ['UNPAID'], kinds: ['SALE'], channels: ['Shopee'], isDraft: false }, 'counter'],
      [{ search: '  ', createdAt: {}, productTypes: [] }, 'counter'],
      [{ channels: ['shopee'], search: 'ord' }, 'orders'],
      [{ warehouse: gid('Warehouse', 1) }, 'orders'],
      [{ source: gid('OrderSource', 1) }, 'orders'],
      [{ printed: false }, 'orders'],
      [{ hasOpenCancellationRequest: true }, 'orders'],
      [{ createdAt: { from: new Date('2026-01-01') } }, 'orders'],
    ];
    for (const [filter, source] of cases) expect([filter, statusCountSource(1, filter)]).toEqual([filter, source]);
  });
});
