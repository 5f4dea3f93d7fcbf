// Each test seeds its own tenant, so tests are independent and can run in parallel.
// `const t = await newTenant()` gives the tenant, an OWNER key and small builders
// that write through Prisma (the mutations have their own tests). `t.prisma` is the
// fixtures client (the tables' owner): it reads and writes any tenant's rows.
import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../src/auth/api-keys.js';
import type { Role, OrderStatus, OrderKind, StockType } from '../../src/db/generated/prisma/enums.js';
import type { PaymentKind, PaymentMethod, PickupOption, ShipmentStatus } from '../../src/db/generated/prisma/enums.js';
import { testApp } from './app.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${randomUUID().slice(0, 6)}`;

export interface VariationSpec {
  sku?: string;
  price?: string;
  /** Units on hand per warehouse id. */
  stock?: Record<number, number>;
  reserved?: Record<number, number>;
}

/** The tenants this test file created: a file's own webhook relay serves only these (files share one PostgreSQL database). */
export const tenantsCreatedHere = new Set<number>();

export async function newTenant(options: { role?: Role; slug?: string } = {}) {
  const { fixtures } = await testApp();
  const prisma = fixtures.prisma;
  const slug = options.slug ?? unique('t');
  const tenant = await prisma.tenant.create({ data: { slug, name: `Tenant ${slug}` } });
  const tenantId = tenant.id;
  tenantsCreatedHere.add(tenantId);
  const role = options.role ?? 'OWNER';
  // PARTNER keys must be bound to a channel: the builders' orders are on "offline" unless told otherwise.
  const { key } = await createApiKey(prisma, { tenantId, name: 'test', role, channel: role === 'PARTNER' ? 'offline' : null });

  const t = {
    id: tenantId,
    slug,
    key,
    prisma,
    /** A key of the tenant; a PARTNER key is bound to channel "offline" unless another is given. */
    async apiKey(role: Role, extra: { expiresAt?: Date; channel?: string; warehouseIds?: number[] } = {}) {
      const channel = extra.channel ?? (role === 'PARTNER' ? 'offline' : undefined);
      return (await createApiKey(prisma, { tenantId, name: `k-${role}`, role, ...extra, channel })).key;
    },
    region(name = 'Gambir') {
      return prisma.region.create({ data: { tenantId, level: 'SUBDISTRICT', code: unique('r'), name, postalCodes: ['10150'] } });
    },
    warehouse(data: { code?: string; name?: string; isActive?: boolean } = {}) {
      const code = data.code ?? unique('WH');
      return prisma.warehouse.create({ data: { tenantId, code, name: data.name ?? `Gudang ${code}`, isActive: data.isActive ?? true } });
    },
    customerCategory(data: { code?: string; name?: string } = {}) {
      const code = data.code ?? unique('C');
      return prisma.customerCategory.create({ data: { tenantId, code, name: data.name ?? `Category ${code}` } });
    },
    customer(data: { name?: string; phone?: string; categoryId?: number; regionId?: number } = {}) {
      return prisma.customer.create({
        data: { tenantId, name: data.name ?? 'Budi Santoso', phone: data.phone ?? '081234567890', categoryId: data.categoryId, regionId: data.regionId },
      });
    },
    async product(data: { name?: string; stockType?: StockType; categoryId?: number; variations?: VariationSpec[] } = {}) {
      const product = await prisma.product.create({
        data: { tenantId, name: data.name ?? 'Sepatu', stockType: data.stockType ?? 'OWN', categoryId: data.categoryId },
      });
      const variations = [];
      for (const spec of data.variations ?? [{}]) {
        const variation = await prisma.variation.create({
          data: { tenantId, productId: product.id, sku: spec.sku ?? unique('SKU'), price: spec.price ?? '5000' },
        });
        for (const [warehouseId, onHand] of Object.entries(spec.stock ?? {})) {
          const reserved = spec.reserved?.[Number(warehouseId)] ?? 0;
          await prisma.stockLevel.create({
            data: { tenantId, variationId: variation.id, warehouseId: Number(warehouseId), onHand, reserved },
          });
          await prisma.stockMovement.create({
            data: { tenantId, variationId: variation.id, warehouseId: Number(warehouseId), kind: 'RECEIPT', quantityIn: onHand, balance: onHand },
          });
        }
        variations.push(variation);
      }
      return { product, variations };
    },
    /** An order with items at the variations' prices; totals computed simply. */
    async order(data: {
      customerId?: number;
      status?: OrderStatus;
      kind?: OrderKind;
      channel?: string;
      code?: string;
      createdAt?: Date;
      items: Array<{ variationId: number; quantity: number; unitPrice?: string }>;
    }) {
      const variations = await prisma.variation.findMany({
        where: { id: { in: data.items.map((i) => i.variationId) } },
        include: { product: true },
      });
      const byId = new Map(variations.map((v) => [v.id, v]));
      const items = data.items.map((item) => {
        const variation = byId.get(item.variationId)!;
        const unitPrice = item.unitPrice ?? variation.price.toString();
        const lineTotal = (Number(unitPrice) * item.quantity).toFixed(2);
        return {
          tenantId,
          variationId: variation.id,
          sku: variation.sku,
          productName: variation.product.name,
          quantity: item.quantity,
          unitPrice,
          lineTotal,
        };
      });
      const subtotal = items.reduce((s, i) => s + Number(i.lineTotal), 0).toFixed(2);
      return prisma.order.create({
        data: {
          tenantId,
          code: data.code ?? unique('ORD'),
          status: data.status ?? 'PENDING',
          kind: data.kind ?? 'SALE',
          channel: data.channel ?? 'offline',
          customerId: data.customerId,
          subtotal,
          grandTotal: subtotal,
          createdAt: data.createdAt,
          items: { create: items },
        },
      });
    },
    courier(data: { code?: string; name?: string; supportsCod?: boolean; isActive?: boolean } = {}) {
      const code = data.code ?? unique('cr');
      return prisma.courier.create({
        data: { tenantId, code, name: data.name ?? `Courier ${code}`, supportsCod: data.supportsCod ?? false, isActive: data.isActive ?? true },
      });
    },
    /** A shipment of an order, with tracking events (given in any order). */
    shipment(data: {
      orderId: number;
      courierId?: number;
      warehouseId?: number;
      serviceName?: string;
      trackingNumber?: string;
      status?: ShipmentStatus;
      pickupOption?: PickupOption;
      shippingCost?: string;
      weightGrams?: number;
      shippedAt?: Date;
      createdAt?: Date;
      events?: Array<{ status: string; location?: string; description?: string; occurredAt: Date }>;
    }) {
      const { events = [], ...fields } = data;
      return prisma.shipment.create({
        data: { tenantId, ...fields, events: { create: events.map((e) => ({ tenantId, ...e })) } },
      });
    },
    bankAccount(data: { bankName?: string; accountName?: string; accountNumber?: string; isActive?: boolean } = {}) {
      return prisma.bankAccount.create({
        data: {
          tenantId,
          bankName: data.bankName ?? 'BCA',
          accountName: data.accountName ?? 'Budi',
          accountNumber: data.accountNumber ?? unique('acc'),
          isActive: data.isActive ?? true,
        },
      });
    },
    /** A payment (or refund, kind REFUND) of an order; amount as an exact string. */
    payment(data: {
      orderId: number;
      amount: string;
      kind?: PaymentKind;
      method?: PaymentMethod;
      bankAccountId?: number;
      installmentNumber?: number;
      reference?: string;
      paidAt?: Date;
    }) {
      return prisma.payment.create({
        data: { tenantId, ...data, method: data.method ?? 'BANK_TRANSFER', paidAt: data.paidAt ?? new Date() },
      });
    },
  };
  return t;
}

export type TestTenant = Awaited<ReturnType<typeof newTenant>>;
