// COD remittances through the API: a courier's settlement matched line by line to
// delivered cash-on-delivery shipments, paid onto their orders, with what does not
// fit flagged. Amounts worked out by hand.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}, key = t.key): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const RECORD = `mutation ($input: CodRemittanceRecordInput!) { codRemittanceRecord(input: $input) {
  __typename
  ... on ValidationError { problems { path message } }
  ... on CodRemittanceRecordPayload { remittance { id reference grossAmount feeAmount netAmount flaggedLines
    lines { trackingNumber status amount fee expectedAmount difference order { code paymentStatus amountDue } payment { method amount reference } } } } } }`;

interface Line {
  trackingNumber: string;
  status: string;
  amount: string;
  fee: string;
  expectedAmount: string | null;
  difference: string | null;
  order: { code: string; paymentStatus: string; amountDue: string } | null;
  payment: { method: string; amount: string; reference: string } | null;
}

/** Four delivered COD orders of 100,000 / 150,000 / 80,000 / 60,000, one in transit, one delivered but paid by transfer. */
async function shop() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({ variations: [{ price: '10000', stock: { [warehouse.id]: 100 } }] });
  const jne = await t.courier({ code: 'jne', name: 'JNE', supportsCod: true });
  const other = await t.courier({ code: 'jnt', name: 'J&T', supportsCod: true });
  const parcel = async (code: string, units: number, awb: string, options: { status?: 'DELIVERED' | 'IN_TRANSIT'; method?: 'COD' | 'BANK_TRANSFER'; courierId?: number } = {}) => {
    const order = await t.order({ code, status: 'SHIPPED', items: [{ variationId: variations[0]!.id, quantity: units }] });
    await t.prisma.order.update({ where: { id: order.id }, data: { paymentMethod: options.method ?? 'COD' } });
    await t.shipment({ orderId: order.id, courierId: options.courierId ?? jne.id, trackingNumber: awb, status: options.status ?? 'DELIVERED', warehouseId: warehouse.id });
    return order;
  };
  await parcel('A', 10, 'AWB-A');
  await parcel('B', 15, 'AWB-B');
  await parcel('C', 8, 'AWB-C');
  await parcel('D', 6, 'AWB-D');
  await parcel('E', 5, 'AWB-E', { status: 'IN_TRANSIT' });
  await parcel('F', 5, 'AWB-F', { method: 'BANK_TRANSFER' });
  await parcel('G', 4, 'AWB-G', { courierId: other.id });
  return { t, jne, other };
}

const UNREMITTED = `query ($courier: ID) { codUnremitted(filter: { courier: $courier }) { totalCount edges { node { trackingNumber order { code amountDue } } } } }`;

describe('codRemittanceRecord', () => {
  it('pays matched lines onto their orders, flags a short amount, an unknown waybill and a parcel remitted before, and the unremitted list shrinks', async () => {
    const { t, jne } = await shop();
    const before = await gql<{ codUnremitted: { totalCount: number; edges: Array<{ node: { trackingNumber: string } }> } }>(t, UNREMITTED, { courier: gid('Courier', jne.id) });
    // E is in transit, F was paid by transfer, G is another courier's.
    expect(before.codUnremitted.edges.map((e) => e.node.trackingNumber)).toEqual(['AWB-A', 'AWB-B', 'AWB-C', 'AWB-D']);

    const input = {
      courier: gid('Courier', jne.id),
      reference: 'JNE-COD-0001',
      remittedAt: '2026-12-01T10:00:00.000Z',
      lines: [
        { trackingNumber: 'AWB-A', amount: '100000', fee: '2500' },
        { trackingNumber: 'AWB-B', amount: '145000', fee: '2500' },
        { trackingNumber: 'AWB-X', amount: '50000', fee: '2500' },
      ],
    };
    const result = (await gql<{ codRemittanceRecord: { __typename: string; remittance: { grossAmount: string; feeAmount: string; netAmount: string; flaggedLines: number; lines: Line[] } } }>(t, RECORD, { input })).codRemittanceRecord;
    expect(result.__typename).toBe('CodRemittanceRecordPayload');
    // 100,000 + 145,000 + 50,000 collected, 3 x 2,500 fees.
    expect(result.remittance).toMatchObject({ grossAmount: '295000.00', feeAmount: '7500.00', netAmount: '287500.00', flaggedLines: 2 });
    expect(result.remittance.lines).toEqual([
      {
        trackingNumber: 'AWB-A', status: 'MATCHED', amount: '100000.00', fee: '2500.00', expectedAmount: '100000.00', difference: '0.00',
        order: { code: 'A', paymentStatus: 'PAID', amountDue: '0.00' },
        payment: { method: 'COD', amount: '100000.00', reference: 'COD JNE-COD-0001' },
      },
      {
        trackingNumber: 'AWB-B', status: 'DIFFERENCE', amount: '145000.00', fee: '2500.00', expectedAmount: '150000.00', difference: '-5000.00',
        order: { code: 'B', paymentStatus: 'PARTIALLY_PAID', amountDue: '5000.00' },
        payment: { method: 'COD', amount: '145000.00', reference: 'COD JNE-COD-0001' },
      },
      { trackingNumber: 'AWB-X', status: 'UNMATCHED', amount: '50000.00', fee: '2500.00', expectedAmount: null, difference: null, order: null, payment: null },
    ]);

    // The next settlement names A again (remitted before) and pays C with too much: C is paid what it owed, the rest flagged.
    const next = (await gql<{ codRemittanceRecord: { remittance: { flaggedLines: number; lines: Line[] } } }>(t, RECORD, {
      input: { ...input, reference: 'JNE-COD-0002', lines: [{ trackingNumber: 'AWB-A', amount: '100000' }, { trackingNumber: 'AWB-C', amount: '90000' }] },
    })).codRemittanceRecord;
    expect(next.remittance.flaggedLines).toBe(2);
    expect(next.remittance.lines.map((l) => [l.trackingNumber, l.status, l.payment?.amount ?? null, l.order?.paymentStatus ?? null])).toEqual([
      ['AWB-A', 'DUPLICATE', null, 'PAID'],
      ['AWB-C', 'DIFFERENCE', '80000.00', 'PAID'],
    ]);
    const after = await gql<{ codUnremitted: { totalCount: number; edges: Array<{ node: { trackingNumber: string; order: { amountDue: string } } }> } }>(t, UNREMITTED, { courier: gid('Courier', jne.id) });
    expect(after.codUnremitted).toEqual({ totalCount: 1, edges: [{ node: { trackingNumber: 'AWB-D', order: { code: 'D', amountDue: '60000.00' } } }] });

    const list = await gql<{ codRemittances: { totalCount: number; edges: Array<{ node: { reference: string } }> } }>(t, `{ codRemittances(filter: { flagged: true }) { totalCount edges { node { reference } } } }`);
    expect(list.codRemittances.edges.map((e) => e.node.reference)).toEqual(['JNE-COD-0002', 'JNE-COD-0001']);
  });

  it('pays a parcel once when two remittances naming it are recorded at the same time', async () => {
    const { t, jne } = await shop();
    const send = (reference: string) =>
      gql<{ codRemittanceRecord: { remittance: { lines: Line[] } } }>(t, RECORD, {
        input: { courier: gid('Courier', jne.id), reference, remittedAt: '2026-12-01T10:00:00.000Z', lines: [{ trackingNumber: 'AWB-D', amount: '60000' }] },
      });
    const results = await Promise.all([send('R-1'), send('R-2')]);
    const statuses = results.map((r) => r.codRemittanceRecord.remittance.lines[0]!.status).sort();
    expect(statuses).toEqual(['DUPLICATE', 'MATCHED']);
    const payments = await t.prisma.payment.findMany({ where: { tenantId: t.id, method: 'COD' }, select: { amount: true } });
    expect(payments.map((p) => p.amount.toFixed(2))).toEqual(['60000.00']);
  });

  it('refuses bad input, a reference recorded before and other roles, writing nothing', async () => {
    const { t, jne, other } = await shop();
    const base = { courier: gid('Courier', jne.id), reference: 'R-9', remittedAt: '2026-12-01T10:00:00.000Z', lines: [{ trackingNumber: 'AWB-A', amount: '100000' }] };
    const problems = async (input: Record<string, unknown>) => {
      const r = (await gql<{ codRemittanceRecord: { __typename: string; problems?: Array<{ path: string[] }> } }>(t, RECORD, { input })).codRemittanceRecord;
      expect(r.__typename).toBe('ValidationError');
      return r.problems!.map((p) => p.path.join('.'));
    };
    expect(await problems({ ...base, lines: [] })).toEqual(['lines']);
    expect(await problems({ ...base, lines: [{ trackingNumber: 'AWB-A', amount: '-1', fee: '0.001' }, { trackingNumber: 'AWB-A', amount: '5' }] })).toEqual([
      'lines.0.amount',
      'lines.0.fee',
      'lines.1.trackingNumber',
    ]);
    expect(await problems({ ...base, reference: ' ', remittedAt: '2099-01-01T00:00:00.000Z' })).toEqual(['reference', 'remittedAt']);
    await gql(t, RECORD, { input: base });
    expect(await problems(base)).toEqual(['reference']);
    // The same reference of another courier is another settlement (G is J&T's parcel).
    const otherOne = (await gql<{ codRemittanceRecord: { remittance: { lines: Line[] } } }>(t, RECORD, { input: { ...base, courier: gid('Courier', other.id), lines: [{ trackingNumber: 'AWB-G', amount: '40000' }] } })).codRemittanceRecord;
    expect(otherOne.remittance.lines[0]!.status).toBe('MATCHED');

    const warehouseKey = await t.apiKey('WAREHOUSE');
    const refused = await execute(warehouseKey, RECORD, { input: { ...base, reference: 'R-10' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.prisma.codRemittance.count({ where: { tenantId: t.id } })).toBe(2);
  });
});
