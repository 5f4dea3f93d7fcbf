// Courier services, rate tables, shipping quotes and orderCreate's shipping, through
// the API. Prices are worked out by hand from the rates the test sets.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}, key = t.key): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

type Payload = { __typename: string; problems?: Array<{ path: string[]; message: string }> } & Record<string, unknown>;
const mutate = async (t: TestTenant, name: string, input: Record<string, unknown>, selection: string, key = t.key) =>
  (await gql<Record<string, Payload>>(t, `mutation ($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename ... on ValidationError { problems { path message } } ${selection} } }`, { input }, key))[name]!;

/** A region tree: West Java > Bandung > Coblong, DKI Jakarta > Central Jakarta > Menteng. */
async function regions(t: TestTenant) {
  const make = (level: 'PROVINCE' | 'CITY' | 'DISTRICT', name: string, parentId?: number) =>
    t.prisma.region.create({ data: { tenantId: t.id, level, code: `${name}-${t.id}`, name, parentId, postalCodes: [] } });
  const westJava = await make('PROVINCE', 'Jawa Barat');
  const bandung = await make('CITY', 'Kota Bandung', westJava.id);
  const coblong = await make('DISTRICT', 'Coblong', bandung.id);
  const jakarta = await make('PROVINCE', 'DKI Jakarta');
  const central = await make('CITY', 'Jakarta Pusat', jakarta.id);
  const menteng = await make('DISTRICT', 'Menteng', central.id);
  return { westJava, bandung, coblong, jakarta, central, menteng };
}

async function catalog(t: TestTenant) {
  const r = await regions(t);
  const courier = async (code: string, name: string, extra: Record<string, unknown> = {}) =>
    (await mutate(t, 'courierCreate', { code, name, ...extra }, '... on CourierCreatePayload { courier { id } }')).courier as { id: string };
  const jne = await courier('jne', 'JNE', { supportsCod: true });
  const own = await courier('toko', 'Kurir Toko', { flatFee: '15000' });
  const service = async (courierId: string, code: string, name: string, extra: Record<string, unknown> = {}) =>
    ((await mutate(t, 'courierServiceCreate', { courier: courierId, code, name, ...extra }, '... on CourierServiceCreatePayload { service { id code } }')).service as { id: string; code: string }).id;
  const reg = await service(jne.id, 'reg', 'Regular', { supportsCod: true });
  const yes = await service(jne.id, 'YES', 'Yakin Esok Sampai', { type: 'EXPRESS' });
  const rate = async (serviceId: string, origin: number, destination: number, first: string, next: string, minDays: number, maxDays: number) =>
    ((await mutate(
      t,
      'shippingRateSet',
      { service: serviceId, origin: gid('Region', origin), destination: gid('Region', destination), firstStepPrice: first, nextStepPrice: next, minDays, maxDays },
      '... on ShippingRateSetPayload { rate { id } }',
    )).rate as { id: string }).id;
  const regProvince = await rate(reg, r.westJava.id, r.jakarta.id, '10000', '8000', 2, 3);
  const regCity = await rate(reg, r.bandung.id, r.jakarta.id, '9000', '7000', 1, 2);
  await rate(yes, r.bandung.id, r.central.id, '18000', '18000', 1, 1);
  return { r, jne, own, reg, yes, regProvince, regCity };
}

const QUOTE = `query ($input: ShippingQuoteInput!) { shippingQuote(input: $input) { courierName serviceCode price minDays maxDays cod chargedGrams } }`;

describe('courier services, rates and quotes', () => {
  it('quotes every active service from its most specific rate, cheapest first, and COD keeps only the services that collect', async () => {
    const t = await newTenant();
    const { r, reg, yes, regCity } = await catalog(t);
    const quote = async (weightGrams: number, cod = false) =>
      (await gql<{ shippingQuote: unknown[] }>(t, QUOTE, { input: { origin: gid('Region', r.coblong.id), destination: gid('Region', r.menteng.id), weightGrams, cod } })).shippingQuote;

    // 2,300 g at 1,000 g steps is 3 steps. REG: the Bandung rate (nearer than West Java's): 9,000 + 2 x 7,000.
    // YES: 3 x 18,000. Kurir Toko: its flat fee.
    expect(await quote(2300)).toEqual([
      { courierName: 'Kurir Toko', serviceCode: null, price: '15000.00', minDays: null, maxDays: null, cod: false, chargedGrams: 2300 },
      { courierName: 'JNE', serviceCode: 'REG', price: '23000.00', minDays: 1, maxDays: 2, cod: true, chargedGrams: 3000 },
      { courierName: 'JNE', serviceCode: 'YES', price: '54000.00', minDays: 1, maxDays: 1, cod: false, chargedGrams: 3000 },
    ]);
    expect((await quote(1000)).map((o) => (o as { price: string }).price)).toEqual(['9000.00', '15000.00', '18000.00']);
    expect(await quote(2300, true)).toEqual([{ courierName: 'JNE', serviceCode: 'REG', price: '23000.00', minDays: 1, maxDays: 2, cod: true, chargedGrams: 3000 }]);

    // Without the Bandung rate REG falls back to West Java's: 10,000 + 2 x 8,000. A deactivated service is not quoted.
    expect((await mutate(t, 'shippingRateDelete', { rate: regCity }, '... on ShippingRateDeletePayload { deletedRateId }')).deletedRateId).toBe(regCity);
    await mutate(t, 'courierServiceDeactivate', { service: yes }, '... on CourierServiceDeactivatePayload { service { isActive } }');
    expect((await quote(2300)).map((o) => [(o as { serviceCode: string }).serviceCode, (o as { price: string }).price])).toEqual([
      [null, '15000.00'],
      ['REG', '26000.00'],
    ]);
    // Setting a rate again replaces it.
    await mutate(t, 'shippingRateSet', { service: reg, origin: gid('Region', r.westJava.id), destination: gid('Region', r.jakarta.id), firstStepPrice: '11000', minDays: 2, maxDays: 4 }, '__typename');
    expect((await quote(2300, true))[0]).toMatchObject({ price: '33000.00', minDays: 2, maxDays: 4 });
    const rates = await gql<{ shippingRates: { totalCount: number } }>(t, `query ($s: ID!) { shippingRates(filter: { service: $s }) { totalCount } }`, { s: reg });
    expect(rates.shippingRates.totalCount).toBe(1);
    const services = await gql<{ courierServices: { totalCount: number; edges: Array<{ node: { code: string; isActive: boolean } }> } }>(
      t,
      `{ courierServices(filter: { supportsCod: false }) { totalCount edges { node { code isActive } } } }`,
    );
    expect(services.courierServices).toEqual({ totalCount: 1, edges: [{ node: { code: 'YES', isActive: false } }] });
  });

  it('refuses bad rates and services with the field named, and only OWNER and ADMIN change the catalogue', async () => {
    const t = await newTenant();
    const { r, jne, own, reg } = await catalog(t);
    const problems = async (name: string, input: Record<string, unknown>) => {
      const result = await mutate(t, name, input, '');
      expect(result.__typename).toBe('ValidationError');
      return result.problems!.map((p) => p.path.join('.'));
    };
    const route = { service: reg, origin: gid('Region', r.westJava.id), destination: gid('Region', r.jakarta.id) };
    expect(await problems('shippingRateSet', { ...route, firstStepPrice: '-1', minDays: 3, maxDays: 2, stepGrams: 0 })).toEqual(['stepGrams', 'firstStepPrice', 'maxDays']);
    expect(await problems('courierServiceCreate', { courier: jne.id, code: 'REG', name: 'Again' })).toEqual(['code']);
    expect(await problems('courierServiceCreate', { courier: own.id, code: 'X', name: 'Cash', supportsCod: true })).toEqual(['supportsCod']);
    const quote = await execute(t.key, QUOTE, { input: { origin: gid('Region', r.coblong.id), destination: gid('Region', r.menteng.id), weightGrams: 0 } });
    expect(quote.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const staff = await t.apiKey('STAFF');
    const refused = await execute(staff, `mutation ($input: CourierServiceCreateInput!) { courierServiceCreate(input: $input) { __typename } }`, { input: { courier: jne.id, code: 'OKE', name: 'Ongkos Kirim Ekonomis' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Reading the catalogue and quoting is for every role.
    const viewer = await t.apiKey('VIEWER');
    const read = await gql<{ shippingQuote: unknown[] }>(t, QUOTE, { input: { origin: gid('Region', r.coblong.id), destination: gid('Region', r.menteng.id), weightGrams: 500 } }, viewer);
    expect(read.shippingQuote).toHaveLength(3);
  });
});

describe('orderCreate with shipping', () => {
  const CREATE = `mutation ($input: OrderCreateInput!) { orderCreate(input: $input) {
    __typename
    ... on ValidationError { problems { path message } }
    ... on OrderCreatePayload { order { id weightGrams trackingNumber courier { code } courierService { code }
      totals { shipping grandTotal } adjustments { category name amount } } } } }`;

  async function shop() {
    const t = await newTenant();
    const c = await catalog(t);
    const warehouse = await t.prisma.warehouse.create({ data: { tenantId: t.id, code: `WH-${t.id}`, name: 'Gudang Bandung', regionId: c.r.coblong.id } });
    const { product, variations } = await t.product({ variations: [{ price: '50000', stock: { [warehouse.id]: 20 } }] });
    await t.prisma.product.update({ where: { id: product.id }, data: { weightGrams: 1150 } });
    const customer = await t.customer({ regionId: c.r.menteng.id });
    const base = {
      customer: gid('Customer', customer.id),
      originWarehouse: gid('Warehouse', warehouse.id),
      items: [{ variation: gid('Variation', variations[0]!.id), quantity: 2 }],
    };
    return { t, c, warehouse, base };
  }

  it('prices the service by the quote for the order weight, or takes the price given, and the ship step sends it with that courier and waybill', async () => {
    const { t, c, base } = await shop();
    // 2 x 1,150 g = 2,300 g: three steps of the Bandung REG rate, 23,000; the goods 100,000.
    const quoted = (await gql<{ orderCreate: Payload }>(t, CREATE, { input: { ...base, shipping: { service: c.reg, trackingNumber: 'JNE0001' } } })).orderCreate;
    expect(quoted.__typename, JSON.stringify(quoted)).toBe('OrderCreatePayload');
    const order = quoted.order as { id: string; weightGrams: number; trackingNumber: string; courier: { code: string }; courierService: { code: string }; totals: { shipping: string; grandTotal: string }; adjustments: unknown[] };
    expect(order).toMatchObject({
      weightGrams: 2300,
      trackingNumber: 'JNE0001',
      courier: { code: 'jne' },
      courierService: { code: 'REG' },
      totals: { shipping: '23000.00', grandTotal: '123000.00' },
      adjustments: [{ category: 'SHIPPING', name: 'JNE REG', amount: '23000.00' }],
    });

    const given = (await gql<{ orderCreate: Payload }>(t, CREATE, { input: { ...base, shipping: { service: c.yes, price: '20000' } } })).orderCreate;
    expect((given.order as { totals: { shipping: string } }).totals.shipping).toBe('20000.00');
    const flat = (await gql<{ orderCreate: Payload }>(t, CREATE, { input: { ...base, shipping: { courier: c.own.id } } })).orderCreate;
    expect((flat.order as { totals: { shipping: string }; courierService: unknown }).totals.shipping).toBe('15000.00');
    expect((flat.order as { courierService: unknown }).courierService).toBeNull();

    // Confirm, process, ship: the shipment carries the courier, service and waybill chosen at the order.
    for (const step of ['orderConfirm', 'orderProcess', 'orderShip']) {
      const moved = await gql<Record<string, { __typename: string }>>(t, `mutation { ${step}(input: { order: "${order.id}" }) { __typename } }`);
      expect(moved[step]!.__typename).not.toMatch(/Error$/);
    }
    const shipped = await gql<{ order: { shipments: Array<{ courier: { code: string }; serviceName: string; trackingNumber: string; status: string }> } }>(
      t,
      `query ($id: ID!) { order(id: $id) { shipments { courier { code } serviceName trackingNumber status } } }`,
      { id: order.id },
    );
    expect(shipped.order.shipments).toEqual([{ courier: { code: 'jne' }, serviceName: 'REG', trackingNumber: 'JNE0001', status: 'IN_TRANSIT' }]);
  });

  it('refuses what cannot be shipped that way, and writes nothing', async () => {
    const { t, c, base } = await shop();
    const paths = async (input: Record<string, unknown>) => {
      const result = (await gql<{ orderCreate: Payload }>(t, CREATE, { input: { ...base, ...input } })).orderCreate;
      expect(result.__typename).toBe('ValidationError');
      return result.problems!.map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(await paths({ shipping: { service: c.yes }, paymentMethod: 'COD' })).toEqual(['shipping.service: service JNE YES does not collect cash on delivery']);
    expect(await paths({ shipping: { service: c.reg, courier: c.own.id } })).toEqual(['shipping: name either a courier service or a custom courier']);
    expect(await paths({ shipping: { service: c.reg, price: '-5' } })).toEqual(['shipping.price: must be zero or more, with at most two decimals']);
    expect(await paths({ shipping: { service: c.reg }, adjustments: [{ category: 'SHIPPING', value: '5000' }] })).toEqual(['shipping: cannot be given with a SHIPPING adjustment']);
    // No route from Bandung to a region the rates do not reach.
    const papua = await t.prisma.region.create({ data: { tenantId: t.id, level: 'PROVINCE', code: `PA-${t.id}`, name: 'Papua', postalCodes: [] } });
    const far = await t.customer({ regionId: papua.id });
    expect(await paths({ customer: gid('Customer', far.id), shipping: { service: c.reg } })).toEqual([
      'shipping.service: service JNE REG has no rate for this route; set one (shippingRateSet) or name a price',
    ]);
    await mutate(t, 'courierServiceDeactivate', { service: c.reg }, '__typename');
    expect(await paths({ shipping: { service: c.reg } })).toEqual(['shipping.service: service JNE REG is inactive']);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(0);
  });
});
