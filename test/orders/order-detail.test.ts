import { beforeAll, describe, expect, it } from 'vitest';
import { OrderByCodeDocument, OrderDetailDocument, OrderNodeDocument, OrderReasonsDocument, OrderSourcesDocument } from '../generated/graphql.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

describe('order detail', () => {
  let t: TestTenant;
  let orderId: string;

  // One order with every part filled in, the way seed 001's detail shows it.
  beforeAll(async () => {
    t = await newTenant();
    const prisma = t.prisma;
    const tenantId = t.id;
    const origin = await t.warehouse({ code: 'GDG-JKT' });
    const destination = await t.warehouse({ code: 'GDG-BDG' });
    const region = await t.region('Kemayoran');
    const category = await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const customer = await t.customer({ name: 'Abdul', phone: '8971772727' });
    const { variations } = await t.product({ name: 'Handuk', variations: [{ sku: 'BARANG', price: '2000' }, { sku: 'SKU KU', price: '5000' }] });
    const source = await prisma.orderSource.create({ data: { tenantId, name: 'Toko Offline' } });
    const order = await t.order({
      code: 'ORD123',
      customerId: customer.id,
      status: 'RETURNED',
      items: [
        { variationId: variations[0]!.id, quantity: 1 },
        { variationId: variations[1]!.id, quantity: 2 },
      ],
    });
    orderId = gid('Order', order.id);
    const at = (iso: string) => new Date(iso);
    await prisma.order.update({
      where: { id: order.id },
      data: {
        kind: 'SALE',
        paymentStatus: 'PAID',
        channel: 'offline',
        sourceId: source.id,
        externalRef: 'ABCD',
        externalStatus: 'PROCESSED',
        customerCategoryId: category.id,
        originWarehouseId: origin.id,
        destinationWarehouseId: destination.id,
        paymentMethod: 'COD',
        subtotal: '12000',
        itemDiscountTotal: '500.5',
        shippingTotal: '10000',
        discountTotal: '0',
        taxTotal: '1320',
        codFee: '1200',
        insuranceTotal: '100',
        otherCostTotal: '0',
        grandTotal: '24620',
        weightGrams: 1500,
        notes: 'Titip di security',
        internalNotes: 'VIP',
        salesRep: 'John Doe',
        pickupOption: 'LATE_PICKUP',
        orderedAt: at('2025-09-17T01:12:09Z'),
        confirmedAt: at('2025-09-17T02:00:00Z'),
        processedAt: at('2025-09-17T03:00:00Z'),
        packedAt: at('2025-09-17T04:00:00Z'),
        shippedAt: at('2025-09-17T05:00:00Z'),
        completedAt: at('2025-09-18T05:00:00Z'),
        returnedAt: at('2025-09-19T05:00:00Z'),
        paidAt: at('2025-09-17T01:30:00Z'),
        printedAt: at('2025-09-17T03:30:00Z'),
        printedBy: 'packer',
        version: 7,
        createdBy: 'api',
        parties: {
          create: [
            { tenantId, role: 'RECIPIENT', name: 'Abdul', phone: '8971772727', province: 'DKI Jakarta', city: 'Jakarta Pusat', district: 'Kemayoran', subDistrict: 'Gunung Sahari', postalCode: '10650', country: 'Indonesia', latitude: '-6.160000', longitude: '106.845000', regionId: region.id, customerId: customer.id },
            { tenantId, role: 'BUYER', name: 'Abcd', phone: '89716662181', email: 'abcd@example.com', address: 'Jl Angkasa No 1', remarks: 'Titip di security' },
          ],
        },
        adjustments: {
          create: [
            { tenantId, category: 'SHIPPING', name: 'Ongkir', value: '10000', amount: '10000' },
            { tenantId, category: 'TAX', name: 'PPN', type: 'PERCENTAGE', value: '11', amount: '1320' },
          ],
        },
        events: {
          create: [
            { tenantId, sequence: 2, type: 'confirm', fromStatus: 'PENDING', toStatus: 'CONFIRMED', actor: 'System' },
            { tenantId, sequence: 1, type: 'create', toStatus: 'PENDING', actor: 'api', note: 'created' },
          ],
        },
        comments: { create: [{ tenantId, author: 'cs', body: 'Customer called', visibility: 'PUBLIC' }] },
        cancellationRequests: { create: [{ tenantId, requestedBy: 'BUYER', reason: 'CUSTOMER_REQUEST', note: 'changed mind', status: 'REJECTED', decidedBy: 'owner', deadlineAt: new Date(Date.now() + 48 * 3_600_000) }] },
      },
    });
    const items = await prisma.orderItem.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' } });
    await prisma.orderItem.update({
      where: { id: items[1]!.id },
      data: { discountType: 'CASCADED', discountValue: '5+5', discountAmount: '975', lineTotal: '9025', priceSource: 'CATEGORY', unit: 'BOX', variationName: 'Biru', weightGrams: 700, externalLineId: 'L2', note: 'gift wrap' },
    });
    await prisma.orderItemAllocation.create({ data: { tenantId, orderItemId: items[0]!.id, warehouseId: origin.id, quantity: 1, shippedQuantity: 1 } });
    await prisma.orderReturn.create({
      data: {
        tenantId,
        orderId: order.id,
        returnBy: 'customer_request',
        reason: 'wrong size',
        actor: 'cs',
        lines: { create: [{ tenantId, orderItemId: items[0]!.id, warehouseId: origin.id, quantity: 1 }] },
      },
    });
  });

  it('returns the order with every nested part in one SQL statement', async () => {
    await query(t.key, OrderByCodeDocument, { code: 'warm-up' });
    const { result, count, statements } = await countStatements(() => query(t.key, OrderDetailDocument, { id: orderId }));
    const order = result.order!;
    expect(order).toMatchObject({
      code: 'ORD123',
      kind: 'SALE',
      status: 'RETURNED',
      paymentStatus: 'PAID',
      isDraft: false,
      channel: 'offline',
      externalRef: 'ABCD',
      externalStatus: 'PROCESSED',
      paymentMethod: 'COD',
      currency: 'IDR',
      weightGrams: 1500,
      notes: 'Titip di security',
      internalNotes: 'VIP',
      salesRep: 'John Doe',
      pickupOption: 'LATE_PICKUP',
      orderedAt: '2025-09-17T01:12:09.000Z',
      confirmedAt: '2025-09-17T02:00:00.000Z',
      processedAt: '2025-09-17T03:00:00.000Z',
      packedAt: '2025-09-17T04:00:00.000Z',
      shippedAt: '2025-09-17T05:00:00.000Z',
      completedAt: '2025-09-18T05:00:00.000Z',
      cancelledAt: null,
      returnedAt: '2025-09-19T05:00:00.000Z',
      paidAt: '2025-09-17T01:30:00.000Z',
      printedAt: '2025-09-17T03:30:00.000Z',
      printedBy: 'packer',
      isPrinted: true,
      cancelReason: null,
      version: 7,
      createdBy: 'api',
      source: { name: 'Toko Offline' },
      customer: { name: 'Abdul', phone: '8971772727' },
      customerCategory: { code: 'Y', name: 'Reseller' },
      originWarehouse: { code: 'GDG-JKT' },
      destinationWarehouse: { code: 'GDG-BDG' },
      itemCount: 2,
      totalQuantity: 3,
    });
    // Money travels as strings with two decimals, never floats.
    expect(order.totals).toEqual({
      subtotal: '12000.00',
      itemDiscount: '500.50',
      shipping: '10000.00',
      discount: '0.00',
      tax: '1320.00',
      codFee: '1200.00',
      insurance: '100.00',
      otherCost: '0.00',
      grandTotal: '24620.00',
      currency: 'IDR',
    });
    expect(order.parties.map((p) => p.role)).toEqual(['RECIPIENT', 'BUYER']);
    expect(order.buyer).toEqual({ role: 'BUYER', name: 'Abcd', phone: '89716662181', email: 'abcd@example.com', address: 'Jl Angkasa No 1', remarks: 'Titip di security' });
    expect(order.recipient).toEqual({
      role: 'RECIPIENT',
      name: 'Abdul',
      phone: '8971772727',
      province: 'DKI Jakarta',
      city: 'Jakarta Pusat',
      district: 'Kemayoran',
      subDistrict: 'Gunung Sahari',
      postalCode: '10650',
      country: 'Indonesia',
      latitude: '-6.16',
      longitude: '106.845',
      region: { name: 'Kemayoran' },
      customer: { name: 'Abdul' },
    });
    expect(order.dropshipper).toBeNull();
    expect(order.items).toMatchObject([
      {
        sku: 'BARANG',
        productName: 'Handuk',
        quantity: 1,
        unit: 'PCS',
        unitPrice: '2000.00',
        priceSource: 'BASE',
        discountType: null,
        discountAmount: '0.00',
        lineTotal: '2000.00',
        isCancelled: false,
        variation: { sku: 'BARANG', product: { name: 'Handuk' } },
        allocations: [{ quantity: 1, shippedQuantity: 1, warehouse: { code: 'GDG-JKT' } }],
      },
      {
        sku: 'SKU KU',
        variationName: 'Biru',
        quantity: 2,
        unit: 'BOX',
        unitPrice: '5000.00',
        priceSource: 'CATEGORY',
        discountType: 'CASCADED',
        discountValue: '5+5',
        discountAmount: '975.00',
        lineTotal: '9025.00',
        weightGrams: 700,
        externalLineId: 'L2',
        note: 'gift wrap',
        allocations: [],
      },
    ]);
    expect(order.adjustments).toEqual([
      { category: 'SHIPPING', name: 'Ongkir', type: 'NOMINAL', value: '10000', amount: '10000.00' },
      { category: 'TAX', name: 'PPN', type: 'PERCENTAGE', value: '11', amount: '1320.00' },
    ]);
    expect(order.events.map((e) => [e.sequence, e.type, e.fromStatus, e.toStatus])).toEqual([
      [1, 'create', null, 'PENDING'],
      [2, 'confirm', 'PENDING', 'CONFIRMED'],
    ]);
    expect(order.comments).toEqual([{ author: 'cs', body: 'Customer called', visibility: 'PUBLIC' }]);
    expect(order.cancellationRequests).toEqual([
      { requestedBy: 'BUYER', reason: 'CUSTOMER_REQUEST', note: 'changed mind', status: 'REJECTED', decidedBy: 'owner' },
    ]);
    expect(order.returns).toEqual([
      { returnBy: 'customer_request', reason: 'wrong size', restock: true, actor: 'cs', lines: [{ quantity: 1, orderItem: { sku: 'BARANG' }, warehouse: { code: 'GDG-JKT' } }] },
    ]);
    // The order with all its relations + the customer category (no Prisma relation backs it).
    console.info(`order detail statements: ${count}`);
    expect(count, statements.join('\n')).toBe(1);
  });

  it('finds the order by code and through node(id)', async () => {
    const byCode = await query(t.key, OrderByCodeDocument, { code: 'ORD123' });
    expect(byCode.orderByCode).toEqual({ id: orderId, code: 'ORD123' });
    const node = await query(t.key, OrderNodeDocument, { id: orderId });
    expect(node.node).toEqual({ id: orderId, code: 'ORD123' });
    expect((await query(t.key, OrderByCodeDocument, { code: 'NOPE' })).orderByCode).toBeNull();
  });
});

describe('order sources and reasons', () => {
  it('lists the tenant catalogues, filtered by activity and kind', async () => {
    const t = await newTenant();
    await t.prisma.orderSource.createMany({
      data: [
        { tenantId: t.id, name: 'Shopee Akira' },
        { tenantId: t.id, name: 'Instagram' },
        { tenantId: t.id, name: 'Old Store', isActive: false },
      ],
    });
    await t.prisma.orderReason.createMany({
      data: [
        { tenantId: t.id, kind: 'CANCEL', code: 'OOS', label: 'Out of stock' },
        { tenantId: t.id, kind: 'RETURN', code: 'SIZE', label: 'Wrong size' },
        { tenantId: t.id, kind: 'CANCEL', code: 'DUP', label: 'Duplicate' },
      ],
    });
    const active = await query(t.key, OrderSourcesDocument, { isActive: true });
    expect(active.orderSources.totalCount).toBe(2);
    expect(active.orderSources.edges.map((e) => e.node.name)).toEqual(['Instagram', 'Shopee Akira']);
    const all = await query(t.key, OrderSourcesDocument, {});
    expect(all.orderSources.totalCount).toBe(3);

    const cancel = await query(t.key, OrderReasonsDocument, { kind: 'CANCEL' });
    expect(cancel.orderReasons.edges.map((e) => e.node.code)).toEqual(['DUP', 'OOS']);
    expect(cancel.orderReasons.totalCount).toBe(2);
  });
});
