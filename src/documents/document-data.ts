// What the order documents show, read once for all the orders of a print run,
// scoped to the tenant: the seller, the parties, the lines with prices and the
// warehouses they are picked from, the totals and the shipments.
import type { Db } from '../db/client.js';

export interface DocumentParty {
  name: string;
  phone: string | null;
  lines: string[];
}

export interface DocumentLine {
  sku: string;
  name: string;
  quantity: number;
  unit: string;
  unitPrice: string;
  discountAmount: string;
  lineTotal: string;
  weightGrams: number;
  note: string | null;
  /** Where the units are picked: the allocations, or the order's origin warehouse (null: none named). */
  picks: Array<{ warehouse: DocumentWarehouse | null; quantity: number }>;
}

export interface DocumentWarehouse {
  code: string;
  name: string;
  address: string | null;
}

export interface DocumentOrder {
  id: number;
  code: string;
  orderedAt: Date;
  channel: string;
  currency: string;
  paymentMethod: string | null;
  paymentStatus: string;
  seller: string;
  buyer: DocumentParty | null;
  recipient: DocumentParty | null;
  /** A dropshipper sends in its own name. */
  sender: DocumentParty | null;
  origin: DocumentWarehouse | null;
  lines: DocumentLine[];
  totals: {
    subtotal: string;
    itemDiscountTotal: string;
    shippingTotal: string;
    discountTotal: string;
    taxTotal: string;
    codFee: string;
    insuranceTotal: string;
    otherCostTotal: string;
    grandTotal: string;
  };
  adjustments: Array<{ category: string; name: string; amount: string }>;
  weightGrams: number;
  notes: string | null;
  shipments: Array<{ id: number; courier: string | null; serviceName: string | null; trackingNumber: string | null; status: string }>;
}

const PARTY = {
  role: true,
  name: true,
  phone: true,
  address: true,
  subDistrict: true,
  district: true,
  city: true,
  province: true,
  postalCode: true,
  country: true,
} as const;

type PartyRow = { name: string; phone: string | null; address: string | null; subDistrict: string | null; district: string | null; city: string | null; province: string | null; postalCode: string | null; country: string | null };

function party(row: PartyRow | undefined): DocumentParty | null {
  if (!row) return null;
  return {
    name: row.name,
    phone: row.phone,
    lines: [row.address, [row.subDistrict, row.district].filter(Boolean).join(', '), [row.city, row.province, row.postalCode].filter(Boolean).join(', '), row.country].filter(
      (l): l is string => !!l,
    ),
  };
}

const WAREHOUSE = { code: true, name: true, address: true } as const;

/**
 * The orders of the tenant with these ids, in the order given; ids the client
 * cannot see (another tenant's, outside a key's channel, unknown) are left out.
 */
export async function loadDocumentOrders(prisma: Db, tenantId: number, orderIds: readonly number[]): Promise<DocumentOrder[]> {
  const [tenant, rows] = await Promise.all([
    prisma.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }),
    prisma.order.findMany({
      where: { tenantId, id: { in: [...orderIds] } },
      select: {
        id: true,
        code: true,
        orderedAt: true,
        channel: true,
        currency: true,
        paymentMethod: true,
        paymentStatus: true,
        subtotal: true,
        itemDiscountTotal: true,
        shippingTotal: true,
        discountTotal: true,
        taxTotal: true,
        codFee: true,
        insuranceTotal: true,
        otherCostTotal: true,
        grandTotal: true,
        weightGrams: true,
        notes: true,
        customer: { select: { name: true, phone: true } },
        originWarehouse: { select: WAREHOUSE },
        parties: { select: PARTY },
        adjustments: { orderBy: { id: 'asc' }, select: { category: true, name: true, amount: true } },
        items: {
          where: { isCancelled: false },
          orderBy: { id: 'asc' },
          select: {
            sku: true,
            productName: true,
            variationName: true,
            quantity: true,
            unit: true,
            unitPrice: true,
            discountAmount: true,
            lineTotal: true,
            weightGrams: true,
            note: true,
            allocations: { orderBy: { warehouseId: 'asc' }, select: { quantity: true, warehouse: { select: WAREHOUSE } } },
          },
        },
        shipments: {
          where: { status: { not: 'CANCELLED' } },
          orderBy: { id: 'asc' },
          select: { id: true, serviceName: true, trackingNumber: true, status: true, courier: { select: { name: true } } },
        },
      },
    }),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seller = tenant?.name ?? '';
  return [...new Set(orderIds)].flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const role = (r: string) => row.parties.find((p) => p.role === r);
    const buyer = party(role('BUYER')) ?? (row.customer ? { name: row.customer.name, phone: row.customer.phone, lines: [] } : null);
    const order: DocumentOrder = {
      id: row.id,
      code: row.code,
      orderedAt: row.orderedAt,
      channel: row.channel,
      currency: row.currency,
      paymentMethod: row.paymentMethod,
      paymentStatus: row.paymentStatus,
      seller,
      buyer,
      recipient: party(role('RECIPIENT')) ?? buyer,
      sender: party(role('DROPSHIPPER')),
      origin: row.originWarehouse,
      lines: row.items.map((item) => {
        const allocated = item.allocations.filter((a) => a.quantity > 0);
        return {
          sku: item.sku,
          name: [item.productName, item.variationName].filter(Boolean).join(' '),
          quantity: item.quantity,
          unit: item.unit,
          unitPrice: item.unitPrice.toFixed(2),
          discountAmount: item.discountAmount.toFixed(2),
          lineTotal: item.lineTotal.toFixed(2),
          weightGrams: item.weightGrams,
          note: item.note,
          picks: allocated.length ? allocated.map((a) => ({ warehouse: a.warehouse, quantity: a.quantity })) : [{ warehouse: row.originWarehouse, quantity: item.quantity }],
        };
      }),
      totals: {
        subtotal: row.subtotal.toFixed(2),
        itemDiscountTotal: row.itemDiscountTotal.toFixed(2),
        shippingTotal: row.shippingTotal.toFixed(2),
        discountTotal: row.discountTotal.toFixed(2),
        taxTotal: row.taxTotal.toFixed(2),
        codFee: row.codFee.toFixed(2),
        insuranceTotal: row.insuranceTotal.toFixed(2),
        otherCostTotal: row.otherCostTotal.toFixed(2),
        grandTotal: row.grandTotal.toFixed(2),
      },
      adjustments: row.adjustments.map((a) => ({ category: a.category, name: a.name, amount: a.amount.toFixed(2) })),
      weightGrams: row.weightGrams,
      notes: row.notes,
      shipments: row.shipments.map((s) => ({ id: s.id, courier: s.courier?.name ?? null, serviceName: s.serviceName, trackingNumber: s.trackingNumber, status: s.status })),
    };
    return [order];
  });
}

export interface PickingRow {
  warehouse: DocumentWarehouse | null;
  sku: string;
  name: string;
  quantity: number;
  unit: string;
  /** Which orders take how many. */
  orders: Array<{ code: string; quantity: number }>;
}

/**
 * The picking list of several orders: one row per warehouse and SKU with the
 * units summed, sorted by warehouse code, then SKU (stock levels carry no bin or
 * shelf location to walk by); lines without a warehouse come last.
 */
export function pickingRows(orders: readonly DocumentOrder[]): PickingRow[] {
  const rows = new Map<string, PickingRow>();
  for (const order of orders) {
    for (const line of order.lines) {
      for (const pick of line.picks) {
        const key = `${pick.warehouse?.code ?? ''}\u0000${line.sku}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { warehouse: pick.warehouse, sku: line.sku, name: line.name, quantity: 0, unit: line.unit, orders: [] }));
        row.quantity += pick.quantity;
        const same = row.orders.find((o) => o.code === order.code);
        if (same) same.quantity += pick.quantity;
        else row.orders.push({ code: order.code, quantity: pick.quantity });
      }
    }
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows.values()].sort((a, b) => {
    if (!a.warehouse !== !b.warehouse) return a.warehouse ? -1 : 1;
    return compare(a.warehouse?.code ?? '', b.warehouse?.code ?? '') || compare(a.sku, b.sku);
  });
}
