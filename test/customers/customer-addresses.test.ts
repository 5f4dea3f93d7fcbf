// customerAddressAdd / Update / Remove: saved shipping addresses, at most one default per customer.
import { beforeAll, describe, expect, it } from 'vitest';
import { CustAddressAddDocument, CustAddressRemoveDocument, CustAddressUpdateDocument } from '../generated/graphql.js';
import type { CustomerAddressAddInput, CustomerAddressUpdateInput } from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

beforeAll(async () => {
  await testApp();
});

const add = async (t: TestTenant, input: CustomerAddressAddInput) => (await query(t.key, CustAddressAddDocument, { input })).customerAddressAdd;
const change = async (t: TestTenant, input: CustomerAddressUpdateInput) => (await query(t.key, CustAddressUpdateDocument, { input })).customerAddressUpdate;
const removeAddress = async (t: TestTenant, addressId: number) =>
  (await query(t.key, CustAddressRemoveDocument, { input: { customerAddress: gid('CustomerAddress', addressId) } })).customerAddressRemove;

const addressRows = (t: TestTenant, customerId: number) =>
  t.prisma.customerAddress.findMany({ where: { customerId }, orderBy: { id: 'asc' }, select: { id: true, label: true, isDefault: true, address: true } });

async function addOk(t: TestTenant, input: CustomerAddressAddInput) {
  const result = await add(t, input);
  if (result.__typename !== 'CustomerAddressAddPayload') throw new Error(JSON.stringify(result));
  return result;
}

describe('customerAddressAdd', () => {
  it("adds the first address as the default, the recipient defaulting to the customer's name", async () => {
    const t = await newTenant();
    const region = await t.region('Tajinan');
    const c = await t.customer({ name: 'Budi' });
    const result = await addOk(t, { customer: gid('Customer', c.id), label: 'Rumah', phone: '0812 111 222', address: 'Jl. Mawar 1', region: gid('Region', region.id), postalCode: '65172' });
    expect(result.address).toEqual({
      id: expect.any(String),
      label: 'Rumah',
      recipientName: 'Budi',
      phone: '0812111222',
      address: 'Jl. Mawar 1',
      postalCode: '65172',
      isDefault: true,
      region: { id: gid('Region', region.id) },
    });
    expect(result.customer.addresses).toHaveLength(1);
  });

  it('moves the default to a new address asked to be the default, in the same write', async () => {
    const t = await newTenant();
    const c = await t.customer();
    const home = await addOk(t, { customer: gid('Customer', c.id), label: 'Rumah', address: 'Jl. 1' });
    const shop = await addOk(t, { customer: gid('Customer', c.id), label: 'Toko', address: 'Jl. 2' });
    expect(shop.address.isDefault).toBe(false);
    const office = await addOk(t, { customer: gid('Customer', c.id), label: 'Kantor', address: 'Jl. 3', recipientName: 'Resepsionis', isDefault: true });
    expect(office.customer.addresses.map((a) => [a.label, a.isDefault])).toEqual([
      ['Kantor', true],
      ['Rumah', false],
      ['Toko', false],
    ]);
    expect((await addressRows(t, c.id)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([idOf(office.address.id)]);
    expect(home.address.isDefault).toBe(true);
  });

  it('reports every problem with its path and adds nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreignRegion = await other.region();
    const c = await t.customer();
    const result = await add(t, { customer: gid('Customer', c.id), address: ' ', recipientName: '', phone: 'call me', postalCode: '12', region: gid('Region', foreignRegion.id) });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename === 'ValidationError') {
      expect(result.problems.map((p) => p.path.join('.')).sort()).toEqual(['address', 'phone', 'postalCode', 'recipientName', 'region']);
    }
    expect(await addressRows(t, c.id)).toEqual([]);
  });

  it("answers NotFound for another tenant's customer or a deleted one, adding nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await other.customer();
    const gone = await t.prisma.customer.create({ data: { tenantId: t.id, name: 'Gone', deletedAt: new Date() } });
    expect(await add(t, { customer: gid('Customer', theirs.id), address: 'Jl. 1' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Customer' });
    expect(await add(t, { customer: gid('Customer', gone.id), address: 'Jl. 1' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Customer' });
    expect(await other.prisma.customerAddress.count({ where: { customerId: { in: [theirs.id, gone.id] } } })).toBe(0);
  });
});

describe('customerAddressUpdate', () => {
  it('changes the fields given and makes the address the default, unsetting the old one', async () => {
    const t = await newTenant();
    const c = await t.customer();
    const home = await addOk(t, { customer: gid('Customer', c.id), label: 'Rumah', address: 'Jl. 1', phone: '0811111111' });
    const shop = await addOk(t, { customer: gid('Customer', c.id), label: 'Toko', address: 'Jl. 2' });
    const result = await change(t, { customerAddress: shop.address.id, address: 'Jl. Baru 2', label: null, isDefault: true });
    if (result.__typename !== 'CustomerAddressUpdatePayload') throw new Error(JSON.stringify(result));
    expect(result.address).toMatchObject({ label: null, address: 'Jl. Baru 2', isDefault: true });
    expect(await addressRows(t, c.id)).toEqual([
      { id: idOf(home.address.id), label: 'Rumah', isDefault: false, address: 'Jl. 1' },
      { id: idOf(shop.address.id), label: null, isDefault: true, address: 'Jl. Baru 2' },
    ]);
  });

  it('keeps the default until another address is made the default', async () => {
    const t = await newTenant();
    const c = await t.customer();
    const home = await addOk(t, { customer: gid('Customer', c.id), address: 'Jl. 1' });
    const result = await change(t, { customerAddress: home.address.id, isDefault: false, recipientName: null });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename === 'ValidationError') expect(result.problems.map((p) => p.path[0]).sort()).toEqual(['isDefault', 'recipientName']);
    expect((await addressRows(t, c.id))[0]!.isDefault).toBe(true);
  });

  it("answers NotFound for another tenant's address and changes nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await other.customer();
    const address = await other.prisma.customerAddress.create({ data: { tenantId: other.id, customerId: theirs.id, recipientName: 'X', address: 'Jl. X', isDefault: true } });
    const result = await change(t, { customerAddress: gid('CustomerAddress', address.id), address: 'Mine' });
    expect(result).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerAddress', id: String(address.id) });
    expect((await other.prisma.customerAddress.findUniqueOrThrow({ where: { id: address.id } })).address).toBe('Jl. X');
  });
});

describe('addresses of a deleted customer', () => {
  it('cannot be changed or removed: NotFound, nothing changed', async () => {
    const t = await newTenant();
    const c = await t.customer();
    const home = await addOk(t, { customer: gid('Customer', c.id), address: 'Jl. 1' });
    await t.prisma.customer.update({ where: { id: c.id }, data: { deletedAt: new Date() } });
    const before = await addressRows(t, c.id);
    expect(await change(t, { customerAddress: home.address.id, address: 'Jl. 2' })).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerAddress' });
    expect(await removeAddress(t, idOf(home.address.id))).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerAddress' });
    expect(await addressRows(t, c.id)).toEqual(before);
  });
});

describe('customerAddressRemove', () => {
  it('removes the default address and makes the oldest remaining one the default', async () => {
    const t = await newTenant();
    const c = await t.customer();
    const home = await addOk(t, { customer: gid('Customer', c.id), label: 'Rumah', address: 'Jl. 1' });
    const shop = await addOk(t, { customer: gid('Customer', c.id), label: 'Toko', address: 'Jl. 2' });
    await addOk(t, { customer: gid('Customer', c.id), label: 'Kantor', address: 'Jl. 3' });
    const result = await removeAddress(t, idOf(home.address.id));
    expect(result).toMatchObject({ __typename: 'CustomerAddressRemovePayload', removedAddressId: home.address.id, newDefaultAddressId: shop.address.id });
    expect((await addressRows(t, c.id)).map((a) => [a.label, a.isDefault])).toEqual([
      ['Toko', true],
      ['Kantor', false],
    ]);
  });

  it('removes an address that is not the default, leaving the default where it is', async () => {
    const t = await newTenant();
    const c = await t.customer();
    await addOk(t, { customer: gid('Customer', c.id), label: 'Rumah', address: 'Jl. 1' });
    const shop = await addOk(t, { customer: gid('Customer', c.id), label: 'Toko', address: 'Jl. 2' });
    expect(await removeAddress(t, idOf(shop.address.id))).toMatchObject({ newDefaultAddressId: null, customer: { addresses: [{ label: 'Rumah', isDefault: true }] } });
  });

  it("answers NotFound for another tenant's address, for one already removed, and removes nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await other.customer();
    const address = await other.prisma.customerAddress.create({ data: { tenantId: other.id, customerId: theirs.id, recipientName: 'X', address: 'Jl. X', isDefault: true } });
    expect(await removeAddress(t, address.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerAddress' });
    expect(await other.prisma.customerAddress.count({ where: { id: address.id } })).toBe(1);
    const c = await t.customer();
    const mine = await addOk(t, { customer: gid('Customer', c.id), address: 'Jl. 1' });
    await removeAddress(t, idOf(mine.address.id));
    expect(await removeAddress(t, idOf(mine.address.id))).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerAddress' });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('concurrent default changes (PostgreSQL)', () => {
  it('leaves exactly one default when several addresses are made the default at once', async () => {
    const t = await newTenant();
    const c = await t.customer();
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await addOk(t, { customer: gid('Customer', c.id), address: `Jl. ${i}` })).address.id);
    const results = await Promise.all(ids.map((id) => change(t, { customerAddress: id, isDefault: true })));
    expect(results.every((r) => r.__typename === 'CustomerAddressUpdatePayload')).toBe(true);
    expect((await addressRows(t, c.id)).filter((a) => a.isDefault)).toHaveLength(1);
  });
});
