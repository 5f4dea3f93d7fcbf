// The same small shop in any tenant: an order (PENDING) with its customer, origin
// warehouse, stock, history and a shipment in transit. Sweeps seed it in two
// tenants to show one gets nothing of the other.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { transaction } from '../../src/db/transaction.js';
import { appendOrderEvent } from '../../src/orders/order-event-log.js';
import { testApp } from './app.js';
import type { TestTenant } from './tenant.js';

/** Global ids of the shop's objects by node type name. */
export type ShopIds = Record<string, string>;

export async function smallShop(t: TestTenant): Promise<ShopIds> {
  const { app } = await testApp();
  const warehouse = await t.warehouse();
  const { product, variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 50 } }] });
  const variation = variations[0]!;
  const customer = await t.customer();
  const order = await t.order({ customerId: customer.id, items: [{ variationId: variation.id, quantity: 1 }] });
  await t.prisma.order.update({ where: { id: order.id }, data: { originWarehouseId: warehouse.id } });
  // t.prisma is the fixtures client (the tables' owner); the live event goes out on the app's bus.
  const deps = { prisma: t.prisma, events: app.events, log: app.log };
  const created = await transaction(deps, (scope) =>
    appendOrderEvent(scope, { tenantId: t.id, orderId: order.id, type: 'create', fromStatus: null, toStatus: 'PENDING' }),
  );
  const courier = await t.courier();
  const shipment = await t.shipment({ orderId: order.id, courierId: courier.id, warehouseId: warehouse.id, status: 'IN_TRANSIT', trackingNumber: `TRK-${order.id}` });
  const payment = await t.payment({ orderId: order.id, amount: '1000' });
  const region = await t.region('Coblong');
  const service = await t.prisma.courierService.create({ data: { tenantId: t.id, courierId: courier.id, code: 'REG', name: 'Regular' } });
  const remittance = await t.prisma.codRemittance.create({
    data: {
      tenantId: t.id, courierId: courier.id, reference: `REM-${order.id}`, remittedAt: new Date(), grossAmount: '1000', feeAmount: '0', netAmount: '1000',
      lines: { create: [{ tenantId: t.id, trackingNumber: `TRK-${order.id}`, shipmentId: shipment.id, orderId: order.id, amount: '1000', fee: '0', expectedAmount: '1000', status: 'MATCHED' }] },
    },
    include: { lines: true },
  });
  const submission = await t.prisma.paymentSubmission.create({
    data: { tenantId: t.id, orderId: order.id, amount: '1000', senderName: 'Siti', transferredAt: new Date() },
  });
  const deliveryType = await t.prisma.deliveryType.create({ data: { tenantId: t.id, code: 'PICKUP', name: 'Ambil di toko', needsCourier: false } });
  const rate = await t.prisma.shippingRate.create({
    data: { tenantId: t.id, serviceId: service.id, originRegionId: region.id, destinationRegionId: region.id, firstStepPrice: '9000', nextStepPrice: '7000', minDays: 1, maxDays: 2 },
  });
  // An export waiting for this app's runner (runExport starts it: its progress events follow).
  const done = await t.prisma.export.create({ data: { tenantId: t.id, kind: 'ORDERS', format: 'CSV', runnerId: app.exports.runnerId } });
  return {
    Warehouse: encodeGlobalID('Warehouse', warehouse.id),
    Product: encodeGlobalID('Product', product.id),
    Variation: encodeGlobalID('Variation', variation.id),
    Customer: encodeGlobalID('Customer', customer.id),
    Order: encodeGlobalID('Order', order.id),
    OrderEvent: encodeGlobalID('OrderEvent', created.id),
    Courier: encodeGlobalID('Courier', courier.id),
    Shipment: encodeGlobalID('Shipment', shipment.id),
    Payment: encodeGlobalID('Payment', payment.id),
    Region: encodeGlobalID('Region', region.id),
    CourierService: encodeGlobalID('CourierService', service.id),
    ShippingRate: encodeGlobalID('ShippingRate', rate.id),
    CodRemittance: encodeGlobalID('CodRemittance', remittance.id),
    PaymentSubmission: encodeGlobalID('PaymentSubmission', submission.id),
    DeliveryType: encodeGlobalID('DeliveryType', deliveryType.id),
    CodRemittanceLine: encodeGlobalID('CodRemittanceLine', remittance.lines[0]!.id),
    Export: encodeGlobalID('Export', done.id),
  };
}

const delegate = (prisma: any, type: string) => prisma[type[0]!.toLowerCase() + type.slice(1)];

/** Global ids of every object of a tenant, of every node type (those with a table of the same name). */
export async function allGlobalIds(tenantId: number, nodeTypes: string[]): Promise<Set<string>> {
  const { fixtures } = await testApp();
  const ids = new Set<string>();
  for (const type of nodeTypes) {
    const rows: Array<{ id: number }> = (await delegate(fixtures.prisma, type)?.findMany({ where: { tenantId }, select: { id: true } })) ?? [];
    rows.forEach((row) => ids.add(encodeGlobalID(type, row.id)));
  }
  return ids;
}

/** Runs the shop's queued export in the app's runner, as exportCreate would have. */
export async function runShopExport(t: TestTenant, ids: ShopIds): Promise<void> {
  const { app } = await testApp();
  const exportId = Number(Buffer.from(ids.Export!, 'base64').toString().split(':')[1]);
  app.exports.enqueue({ prisma: app.db.forTenant(t.id), tenantId: t.id, exportId, kind: 'ORDERS', format: 'CSV', filter: undefined, includeCosts: false });
  await app.exports.idle();
}
