// Order sources, couriers and bank accounts become editable (OWNER and ADMIN): create,
// update, deactivate and reactivate through the API, typed duplicates, every input
// problem with its path and nothing written, and deactivated entries refused where new
// orders, shipments and payments would name them (rows that already name them keep them).
import { describe, expect, it } from 'vitest';
import {
  ShopBankAccountCreateDocument,
  ShopBankAccountDeactivateDocument,
  ShopBankAccountsDocument,
  ShopBankAccountUpdateDocument,
  ShopCourierCreateDocument,
  ShopCourierDeactivateDocument,
  ShopCouriersDocument,
  ShopCourierUpdateDocument,
  ShopOrderCreateDocument,
  ShopPaymentRecordDocument,
  ShopShipmentCreateDocument,
  ShopSourceCreateDocument,
  ShopSourceDeactivateDocument,
  ShopSourcesDocument,
  ShopSourceUpdateDocument,
} from '../generated/graphql.js';
import { execute, query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const dbId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
const paths = (result: { __typename: string; problems?: Array<{ path: string[] }> }) => {
  if (result.__typename !== 'ValidationError') throw new Error(JSON.stringify(result));
  return result.problems!.map((p) => p.path.join('.'));
};

describe('order sources', () => {
  it('creates, renames, deactivates and reactivates a source; the list filters on isActive', async () => {
    const t = await newTenant();
    const made = (await query(t.key, ShopSourceCreateDocument, { input: { name: '  Instagram  ' } })).orderSourceCreate;
    if (made.__typename !== 'OrderSourceCreatePayload') throw new Error(JSON.stringify(made));
    expect(made.source).toMatchObject({ name: 'Instagram', isActive: true });
    await query(t.key, ShopSourceCreateDocument, { input: { name: 'Shopee Toko A', isActive: false } });

    const renamed = (await query(t.key, ShopSourceUpdateDocument, { input: { source: made.source.id, name: 'Instagram DM' } })).orderSourceUpdate;
    expect(renamed).toMatchObject({ __typename: 'OrderSourceUpdatePayload', source: { id: made.source.id, name: 'Instagram DM', isActive: true } });

    const off = (await query(t.key, ShopSourceDeactivateDocument, { input: { source: made.source.id } })).orderSourceDeactivate;
    expect(off).toMatchObject({ source: { isActive: false } });
    // Idempotent.
    expect((await query(t.key, ShopSourceDeactivateDocument, { input: { source: made.source.id } })).orderSourceDeactivate).toMatchObject({ source: { isActive: false } });
    const inactive = (await query(t.key, ShopSourcesDocument, { isActive: false })).orderSources;
    expect(inactive.totalCount).toBe(2);
    expect(inactive.edges.map((e) => e.node.name)).toEqual(['Instagram DM', 'Shopee Toko A']);

    const back = (await query(t.key, ShopSourceUpdateDocument, { input: { source: made.source.id, isActive: true } })).orderSourceUpdate;
    expect(back).toMatchObject({ source: { name: 'Instagram DM', isActive: true } });
    const active = (await query(t.key, ShopSourcesDocument, { isActive: true })).orderSources;
    expect(active.totalCount).toBe(1);
    expect(active.edges.map((e) => e.node.name)).toEqual(['Instagram DM']);
  });

  it('refuses a name already used, case aside, with DuplicateOrderSourceError and writes nothing', async () => {
    const t = await newTenant();
    const first = (await query(t.key, ShopSourceCreateDocument, { input: { name: 'Tokopedia' } })).orderSourceCreate;
    if (first.__typename !== 'OrderSourceCreatePayload') throw new Error(first.__typename);
    const again = (await query(t.key, ShopSourceCreateDocument, { input: { name: 'TOKOPEDIA' } })).orderSourceCreate;
    expect(again).toMatchObject({ __typename: 'DuplicateOrderSourceError', code: 'DUPLICATE_ORDER_SOURCE', sourceName: 'TOKOPEDIA', existingId: first.source.id });
    expect(await t.prisma.orderSource.count({ where: { tenantId: t.id } })).toBe(1);

    const second = (await query(t.key, ShopSourceCreateDocument, { input: { name: 'Lazada' } })).orderSourceCreate;
    if (second.__typename !== 'OrderSourceCreatePayload') throw new Error(second.__typename);
    const clash = (await query(t.key, ShopSourceUpdateDocument, { input: { source: second.source.id, name: 'tokopedia' } })).orderSourceUpdate;
    expect(clash).toMatchObject({ __typename: 'DuplicateOrderSourceError', existingId: first.source.id });
    expect((await t.prisma.orderSource.findUniqueOrThrow({ where: { id: dbId(second.source.id) } })).name).toBe('Lazada');
    // Renaming a source to its own name in another case is no clash.
    expect((await query(t.key, ShopSourceUpdateDocument, { input: { source: second.source.id, name: 'LAZADA' } })).orderSourceUpdate).toMatchObject({ source: { name: 'LAZADA' } });
    // Another tenant may use the name.
    const other = await newTenant();
    expect((await query(other.key, ShopSourceCreateDocument, { input: { name: 'Tokopedia' } })).orderSourceCreate.__typename).toBe('OrderSourceCreatePayload');
  });

  it('reports a blank or too long name and an unknown source', async () => {
    const t = await newTenant();
    expect(paths((await query(t.key, ShopSourceCreateDocument, { input: { name: '   ' } })).orderSourceCreate)).toEqual(['name']);
    expect(paths((await query(t.key, ShopSourceCreateDocument, { input: { name: 'x'.repeat(101) } })).orderSourceCreate)).toEqual(['name']);
    expect((await query(t.key, ShopSourceCreateDocument, { input: { name: 'x'.repeat(100) } })).orderSourceCreate.__typename).toBe('OrderSourceCreatePayload');
    expect(await t.prisma.orderSource.count({ where: { tenantId: t.id } })).toBe(1);
    const missing = (await query(t.key, ShopSourceUpdateDocument, { input: { source: gid('OrderSource', 2147480000), name: 'X' } })).orderSourceUpdate;
    expect(missing).toMatchObject({ __typename: 'NotFoundError', entity: 'OrderSource' });
  });

  it('refuses a deactivated source on a new order, and the order that already names it keeps it', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const v = (await t.product({ variations: [{ price: '10000', stock: { [w.id]: 10 } }] })).variations[0]!;
    const made = (await query(t.key, ShopSourceCreateDocument, { input: { name: 'WhatsApp' } })).orderSourceCreate;
    if (made.__typename !== 'OrderSourceCreatePayload') throw new Error(made.__typename);
    const input = { source: made.source.id, items: [{ variation: gid('Variation', v.id), quantity: 1 }] };
    const before = (await query(t.key, ShopOrderCreateDocument, { input })).orderCreate;
    if (before.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(before));
    expect(before.order.source).toEqual({ id: made.source.id, name: 'WhatsApp' });

    await query(t.key, ShopSourceDeactivateDocument, { input: { source: made.source.id } });
    const refused = (await query(t.key, ShopOrderCreateDocument, { input })).orderCreate;
    expect(paths(refused)).toEqual(['source']);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
    const kept = await t.prisma.order.findUniqueOrThrow({ where: { id: dbId(before.order.id) } });
    expect(kept.sourceId).toBe(dbId(made.source.id));
  });
});

describe('couriers', () => {
  it('creates a courier with a lower-cased code, updates it, deactivates and reactivates it', async () => {
    const t = await newTenant();
    const made = (await query(t.key, ShopCourierCreateDocument, { input: { code: ' JNE ', name: 'JNE Express', supportsCod: true } })).courierCreate;
    expect(made).toMatchObject({ __typename: 'CourierCreatePayload', courier: { code: 'jne', name: 'JNE Express', supportsCod: true, isActive: true } });
    if (made.__typename !== 'CourierCreatePayload') throw new Error(made.__typename);
    const updated = (await query(t.key, ShopCourierUpdateDocument, { input: { courier: made.courier.id, code: 'jne-reg', name: 'JNE Reguler', supportsCod: false } })).courierUpdate;
    expect(updated).toMatchObject({ courier: { code: 'jne-reg', name: 'JNE Reguler', supportsCod: false, isActive: true } });
    expect((await query(t.key, ShopCourierDeactivateDocument, { input: { courier: made.courier.id } })).courierDeactivate).toMatchObject({ courier: { isActive: false } });
    expect((await query(t.key, ShopCouriersDocument, { filter: { isActive: true } })).couriers.totalCount).toBe(0);
    expect((await query(t.key, ShopCourierUpdateDocument, { input: { courier: made.courier.id, isActive: true } })).courierUpdate).toMatchObject({ courier: { isActive: true } });
    const active = (await query(t.key, ShopCouriersDocument, { filter: { isActive: true } })).couriers;
    expect(active.edges.map((e) => e.node.code)).toEqual(['jne-reg']);
  });

  it('refuses a code already used (case aside) with DuplicateCourierError, and reports bad codes and names with their paths', async () => {
    const t = await newTenant();
    const first = (await query(t.key, ShopCourierCreateDocument, { input: { code: 'sicepat', name: 'SiCepat' } })).courierCreate;
    if (first.__typename !== 'CourierCreatePayload') throw new Error(first.__typename);
    const again = (await query(t.key, ShopCourierCreateDocument, { input: { code: 'SiCepat', name: 'SiCepat 2' } })).courierCreate;
    expect(again).toMatchObject({ __typename: 'DuplicateCourierError', code: 'DUPLICATE_COURIER', courierCode: 'sicepat', existingId: first.courier.id });
    const other = (await query(t.key, ShopCourierCreateDocument, { input: { code: 'anteraja', name: 'AnterAja' } })).courierCreate;
    if (other.__typename !== 'CourierCreatePayload') throw new Error(other.__typename);
    expect((await query(t.key, ShopCourierUpdateDocument, { input: { courier: other.courier.id, code: 'SICEPAT' } })).courierUpdate).toMatchObject({
      __typename: 'DuplicateCourierError',
      existingId: first.courier.id,
    });
    expect(paths((await query(t.key, ShopCourierCreateDocument, { input: { code: 'j n e', name: '' } })).courierCreate)).toEqual(['code', 'name']);
    expect(paths((await query(t.key, ShopCourierCreateDocument, { input: { code: 'x'.repeat(31), name: 'y'.repeat(101) } })).courierCreate)).toEqual(['code', 'name']);
    expect(await t.prisma.courier.findMany({ where: { tenantId: t.id }, select: { code: true }, orderBy: { code: 'asc' } })).toEqual([{ code: 'anteraja' }, { code: 'sicepat' }]);
  });

  it('refuses a deactivated courier on a new shipment', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const v = (await t.product({ variations: [{ price: '10000', stock: { [w.id]: 10 } }] })).variations[0]!;
    const order = await t.order({ status: 'PROCESSING', items: [{ variationId: v.id, quantity: 1 }] });
    const made = (await query(t.key, ShopCourierCreateDocument, { input: { code: 'jnt', name: 'J&T' } })).courierCreate;
    if (made.__typename !== 'CourierCreatePayload') throw new Error(made.__typename);
    await query(t.key, ShopCourierDeactivateDocument, { input: { courier: made.courier.id } });
    const refused = (await query(t.key, ShopShipmentCreateDocument, { input: { order: gid('Order', order.id), courier: made.courier.id } })).shipmentCreate;
    expect(paths(refused)).toEqual(['courier']);
    expect(await t.prisma.shipment.count({ where: { tenantId: t.id } })).toBe(0);
  });
});

describe('bank accounts', () => {
  it('creates, corrects, deactivates and reactivates an account', async () => {
    const t = await newTenant();
    const made = (await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: 'BCA', accountName: 'Toko Maju', accountNumber: '123-456-7890' } })).bankAccountCreate;
    expect(made).toMatchObject({ __typename: 'BankAccountCreatePayload', bankAccount: { bankName: 'BCA', accountName: 'Toko Maju', accountNumber: '123-456-7890', isActive: true } });
    if (made.__typename !== 'BankAccountCreatePayload') throw new Error(made.__typename);
    const id = made.bankAccount.id;
    expect((await query(t.key, ShopBankAccountUpdateDocument, { input: { bankAccount: id, accountName: 'PT Toko Maju' } })).bankAccountUpdate).toMatchObject({
      bankAccount: { bankName: 'BCA', accountName: 'PT Toko Maju', accountNumber: '123-456-7890' },
    });
    expect((await query(t.key, ShopBankAccountDeactivateDocument, { input: { bankAccount: id } })).bankAccountDeactivate).toMatchObject({ bankAccount: { isActive: false } });
    expect((await query(t.key, ShopBankAccountsDocument, { filter: { isActive: false } })).bankAccounts.totalCount).toBe(1);
    expect((await query(t.key, ShopBankAccountUpdateDocument, { input: { bankAccount: id, isActive: true } })).bankAccountUpdate).toMatchObject({ bankAccount: { isActive: true } });
    expect((await query(t.key, ShopBankAccountsDocument, { filter: { isActive: true } })).bankAccounts.totalCount).toBe(1);
  });

  it('refuses the same bank and number again (case, spaces and dashes aside) with DuplicateBankAccountError, writing nothing', async () => {
    const t = await newTenant();
    const first = (await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: 'Mandiri', accountName: 'A', accountNumber: '1300012345' } })).bankAccountCreate;
    if (first.__typename !== 'BankAccountCreatePayload') throw new Error(first.__typename);
    const again = (await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: 'mandiri', accountName: 'B', accountNumber: '130-001 2345' } })).bankAccountCreate;
    expect(again).toMatchObject({ __typename: 'DuplicateBankAccountError', code: 'DUPLICATE_BANK_ACCOUNT', bankName: 'mandiri', accountNumber: '130-001 2345', existingId: first.bankAccount.id });
    // The same number at another bank is another account.
    const bni = (await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: 'BNI', accountName: 'A', accountNumber: '1300012345' } })).bankAccountCreate;
    if (bni.__typename !== 'BankAccountCreatePayload') throw new Error(bni.__typename);
    // Moving it to Mandiri would make a duplicate.
    expect((await query(t.key, ShopBankAccountUpdateDocument, { input: { bankAccount: bni.bankAccount.id, bankName: 'MANDIRI' } })).bankAccountUpdate).toMatchObject({
      __typename: 'DuplicateBankAccountError',
      existingId: first.bankAccount.id,
    });
    expect(await t.prisma.bankAccount.findMany({ where: { tenantId: t.id }, select: { bankName: true }, orderBy: { id: 'asc' } })).toEqual([{ bankName: 'Mandiri' }, { bankName: 'BNI' }]);
  });

  it('reports every problem of the input with its path', async () => {
    const t = await newTenant();
    const result = (await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: '', accountName: 'n'.repeat(101), accountNumber: 'ABC123' } })).bankAccountCreate;
    expect(paths(result)).toEqual(['bankName', 'accountName', 'accountNumber']);
    expect(paths((await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: 'BCA', accountName: 'A', accountNumber: '1'.repeat(41) } })).bankAccountCreate)).toEqual(['accountNumber']);
    expect(await t.prisma.bankAccount.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('refuses a deactivated account on a new payment', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const v = (await t.product({ variations: [{ price: '10000', stock: { [w.id]: 10 } }] })).variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 1 }] });
    const made = (await query(t.key, ShopBankAccountCreateDocument, { input: { bankName: 'BRI', accountName: 'A', accountNumber: '0001' } })).bankAccountCreate;
    if (made.__typename !== 'BankAccountCreatePayload') throw new Error(made.__typename);
    await query(t.key, ShopBankAccountDeactivateDocument, { input: { bankAccount: made.bankAccount.id } });
    const refused = (await query(t.key, ShopPaymentRecordDocument, { input: { order: gid('Order', order.id), amount: '10000', method: 'BANK_TRANSFER', bankAccount: made.bankAccount.id } })).paymentRecord;
    expect(paths(refused)).toEqual(['bankAccount']);
    expect(await t.prisma.payment.count({ where: { tenantId: t.id } })).toBe(0);
  });
});

describe('who may edit the catalogues', () => {
  it('lets OWNER and ADMIN keys create, and refuses STAFF with FORBIDDEN', async () => {
    const t = await newTenant();
    const admin = await t.apiKey('ADMIN');
    const staff = await t.apiKey('STAFF');
    expect((await query(admin, ShopCourierCreateDocument, { input: { code: 'pos', name: 'POS Indonesia' } })).courierCreate.__typename).toBe('CourierCreatePayload');
    const refused = await execute(staff, ShopSourceCreateDocument, { input: { name: 'Facebook' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.prisma.orderSource.count({ where: { tenantId: t.id } })).toBe(0);
  });
});
