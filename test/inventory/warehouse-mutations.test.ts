import { describe, expect, it } from 'vitest';
import {
  InvWarehouseActivateDocument,
  InvWarehouseCreateDocument,
  InvWarehouseDeactivateDocument,
  InvWarehouseDeleteDocument,
  InvWarehouseUpdateDocument,
  InvStockAdjustDocument,
} from '../generated/graphql.js';
import { execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { gid, inventoryRowCounts } from './stock-fixtures.js';

async function create(t: TestTenant, input: Parameters<typeof createVars>[0]) {
  return (await query(t.key, InvWarehouseCreateDocument, createVars(input))).warehouseCreate;
}
function createVars(input: { code: string; name: string; phone?: string | null; address?: string | null; postalCode?: string | null; region?: string | null; isActive?: boolean | null }) {
  return { input };
}

/** An order in `status` with one allocation of 2 units in the warehouse. */
async function allocatedOrder(t: TestTenant, warehouseId: number, status: 'CONFIRMED' | 'PACKED' | 'COMPLETED' | 'CANCELLED' | 'RETURNED') {
  const { variations } = await t.product();
  const order = await t.order({ status, items: [{ variationId: variations[0]!.id, quantity: 2 }] });
  const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
  await t.prisma.orderItemAllocation.create({ data: { tenantId: t.id, orderItemId: item.id, warehouseId, quantity: 2 } });
  return order;
}

describe('warehouseCreate', () => {
  it('creates a warehouse with every seed field, tied to the caller tenant', async () => {
    const t = await newTenant();
    const region = await t.region('Gambir');
    const result = await create(t, {
      code: ' GDG-JKT ',
      name: 'Gudang Jakarta',
      phone: '+62 21 555 0101',
      address: 'Jl. Biak 19C',
      postalCode: '10150',
      region: gid('Region', region.id),
    });
    expect(result.__typename).toBe('WarehouseCreatePayload');
    if (result.__typename !== 'WarehouseCreatePayload') return;
    expect(result.warehouse).toMatchObject({
      code: 'GDG-JKT',
      name: 'Gudang Jakarta',
      phone: '+62 21 555 0101',
      address: 'Jl. Biak 19C',
      postalCode: '10150',
      isActive: true,
      region: { id: gid('Region', region.id), name: 'Gambir' },
    });
    const row = await t.prisma.warehouse.findFirstOrThrow({ where: { code: 'GDG-JKT', tenantId: t.id } });
    expect(result.warehouse.id).toBe(gid('Warehouse', row.id));
  });

  it('creates an inactive warehouse when asked', async () => {
    const t = await newTenant();
    const result = await create(t, { code: 'OFF', name: 'Gudang Tutup', isActive: false });
    expect(result).toMatchObject({ warehouse: { isActive: false } });
  });

  it('refuses a code already used in the tenant with DuplicateWarehouseCodeError, and writes nothing', async () => {
    const t = await newTenant();
    const existing = await t.warehouse({ code: 'GDG-1' });
    const before = await inventoryRowCounts(t);
    const result = await create(t, { code: 'GDG-1', name: 'Again' });
    expect(result).toMatchObject({
      __typename: 'DuplicateWarehouseCodeError',
      code: 'DUPLICATE_WAREHOUSE_CODE',
      warehouseCode: 'GDG-1',
      existingWarehouseId: gid('Warehouse', existing.id),
    });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it('allows the same code in another tenant', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await a.warehouse({ code: 'MAIN' });
    expect((await create(b, { code: 'MAIN', name: 'Main' })).__typename).toBe('WarehouseCreatePayload');
  });

  it('reports every invalid field with its path before writing', async () => {
    const t = await newTenant();
    const before = await inventoryRowCounts(t);
    const result = await create(t, { code: 'no spaces!', name: '  ', phone: 'call me', postalCode: '1' });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path.join('.')).sort()).toEqual(['code', 'name', 'phone', 'postalCode']);
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it("answers NotFoundError for another tenant's region", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const foreign = await b.region();
    const result = await create(a, { code: 'X', name: 'X', region: gid('Region', foreign.id) });
    expect(result).toMatchObject({ __typename: 'NotFoundError', entity: 'Region' });
    expect(await a.prisma.warehouse.count({ where: { tenantId: a.id } })).toBe(0);
  });

  it('answers two concurrent creates of one code with one warehouse and one DuplicateWarehouseCodeError', async () => {
    const t = await newTenant();
    const results = await Promise.all([create(t, { code: 'RACE', name: 'A' }), create(t, { code: 'RACE', name: 'B' })]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['DuplicateWarehouseCodeError', 'WarehouseCreatePayload']);
    expect(await t.prisma.warehouse.count({ where: { tenantId: t.id, code: 'RACE' } })).toBe(1);
  });
});

describe('warehouseUpdate', () => {
  it('changes only the fields given and clears optional ones given as null', async () => {
    const t = await newTenant();
    const region = await t.region();
    const created = await create(t, { code: 'UPD', name: 'Before', phone: '0812345678', address: 'Jl. Lama 1', region: gid('Region', region.id) });
    if (created.__typename !== 'WarehouseCreatePayload') throw new Error(created.__typename);
    const result = (await query(t.key, InvWarehouseUpdateDocument, { input: { warehouse: created.warehouse.id, name: 'After', phone: null, region: null } }))
      .warehouseUpdate;
    expect(result).toMatchObject({
      __typename: 'WarehouseUpdatePayload',
      warehouse: { code: 'UPD', name: 'After', phone: null, address: 'Jl. Lama 1', region: null, isActive: true },
    });
  });

  it('refuses the code of another warehouse but accepts its own', async () => {
    const t = await newTenant();
    const a = await t.warehouse({ code: 'A' });
    const b = await t.warehouse({ code: 'B' });
    const clash = (await query(t.key, InvWarehouseUpdateDocument, { input: { warehouse: gid('Warehouse', b.id), code: 'A' } })).warehouseUpdate;
    expect(clash).toMatchObject({ __typename: 'DuplicateWarehouseCodeError', existingWarehouseId: gid('Warehouse', a.id) });
    expect((await t.prisma.warehouse.findUniqueOrThrow({ where: { id: b.id } })).code).toBe('B');
    const same = (await query(t.key, InvWarehouseUpdateDocument, { input: { warehouse: gid('Warehouse', b.id), code: 'B', name: 'Bee' } })).warehouseUpdate;
    expect(same).toMatchObject({ warehouse: { code: 'B', name: 'Bee' } });
  });

  it('refuses an empty name with a validation problem at "name"', async () => {
    const t = await newTenant();
    const w = await t.warehouse({ name: 'Keep' });
    const result = (await query(t.key, InvWarehouseUpdateDocument, { input: { warehouse: gid('Warehouse', w.id), name: '' } })).warehouseUpdate;
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['name'] }] });
    expect((await t.prisma.warehouse.findUniqueOrThrow({ where: { id: w.id } })).name).toBe('Keep');
  });
});

describe('warehouseActivate / warehouseDeactivate', () => {
  it('deactivates and activates again', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const input = { warehouse: gid('Warehouse', w.id) };
    expect((await query(t.key, InvWarehouseDeactivateDocument, { input })).warehouseDeactivate).toMatchObject({ warehouse: { isActive: false } });
    expect((await t.prisma.warehouse.findUniqueOrThrow({ where: { id: w.id } })).isActive).toBe(false);
    expect((await query(t.key, InvWarehouseActivateDocument, { input })).warehouseActivate).toMatchObject({ warehouse: { isActive: true } });
  });

  it('keeps the stock of a deactivated warehouse and refuses stock in', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 4 } }] });
    await query(t.key, InvWarehouseDeactivateDocument, { input: { warehouse: gid('Warehouse', w.id) } });
    const input = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), reason: 'found' };
    expect((await query(t.key, InvStockAdjustDocument, { input: { ...input, quantity: 1 } })).stockAdjust).toMatchObject({
      __typename: 'WarehouseInactiveError',
      code: 'WAREHOUSE_INACTIVE',
    });
    // Taking out is still allowed (emptying it before a delete).
    expect((await query(t.key, InvStockAdjustDocument, { input: { ...input, quantity: -4 } })).stockAdjust).toMatchObject({
      stockLevel: { onHand: 0 },
    });
  });
});

describe('warehouseDelete', () => {
  it('deletes an empty warehouse with its empty stock rows and ledger', async () => {
    const t = await newTenant();
    const w = await t.warehouse({ code: 'EMPTY', name: 'Gudang Kosong' });
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 3 } }] });
    await query(t.key, InvStockAdjustDocument, {
      input: { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), quantity: -3, reason: 'written off' },
    });
    const result = (await query(t.key, InvWarehouseDeleteDocument, { input: { warehouse: gid('Warehouse', w.id) } })).warehouseDelete;
    expect(result).toEqual({ __typename: 'WarehouseDeletePayload', deletedWarehouseId: gid('Warehouse', w.id), code: 'EMPTY', name: 'Gudang Kosong' });
    expect(await inventoryRowCounts(t)).toEqual({ warehouses: 0, stockLevels: 0, movements: 0, onHand: 0 });
  });

  it('refuses a warehouse that holds stock with WarehouseInUseError, and deletes nothing', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    await t.product({ variations: [{ stock: { [w.id]: 5 } }, { stock: { [w.id]: 2 } }] });
    const before = await inventoryRowCounts(t);
    const result = (await query(t.key, InvWarehouseDeleteDocument, { input: { warehouse: gid('Warehouse', w.id) } })).warehouseDelete;
    expect(result).toMatchObject({ __typename: 'WarehouseInUseError', code: 'WAREHOUSE_IN_USE', onHand: 7, openAllocations: 0, closedAllocations: 0 });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it.each([
    ['CONFIRMED', 1, 0],
    ['PACKED', 1, 0],
    ['COMPLETED', 0, 1],
    ['CANCELLED', 0, 1],
    ['RETURNED', 0, 1],
  ] as const)('refuses a warehouse named by an allocation of a %s order (open %i, closed %i)', async (status, open, closed) => {
    const t = await newTenant();
    const w = await t.warehouse();
    await allocatedOrder(t, w.id, status);
    const result = (await query(t.key, InvWarehouseDeleteDocument, { input: { warehouse: gid('Warehouse', w.id) } })).warehouseDelete;
    expect(result).toMatchObject({ __typename: 'WarehouseInUseError', onHand: 0, openAllocations: open, closedAllocations: closed });
    expect(await t.prisma.warehouse.count({ where: { id: w.id } })).toBe(1);
  });
});

describe('tenant isolation of warehouse writes', () => {
  it.each([
    ['update', InvWarehouseUpdateDocument, 'warehouseUpdate', { name: 'Mine', isActive: false }],
    ['activate', InvWarehouseActivateDocument, 'warehouseActivate', {}],
    ['deactivate', InvWarehouseDeactivateDocument, 'warehouseDeactivate', {}],
    ['delete', InvWarehouseDeleteDocument, 'warehouseDelete', {}],
  ] as const)("answers NotFoundError to %s another tenant's warehouse and leaves it alone", async (_name, document, field, extra) => {
    const a = await newTenant();
    const b = await newTenant();
    const foreign = await b.warehouse({ name: 'Theirs' });
    const input = { warehouse: gid('Warehouse', foreign.id), ...extra };
    const result = await execute(a.key, document as typeof InvWarehouseDeleteDocument, { input });
    expect(result.errors).toBeUndefined();
    expect((result.data as Record<string, unknown>)[field]).toMatchObject({ __typename: 'NotFoundError', entity: 'Warehouse', id: String(foreign.id) });
    expect(await b.prisma.warehouse.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ name: 'Theirs', isActive: true });
  });

  it('refuses a global id of another type with BAD_USER_INPUT', async () => {
    const t = await newTenant();
    const result = await execute(t.key, InvWarehouseDeleteDocument, { input: { warehouse: gid('Variation', 1) } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
