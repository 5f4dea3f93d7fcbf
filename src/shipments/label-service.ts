// Reads what the shipping label shows, scoped to the tenant: the shipment, its
// order, the sending warehouse, the recipient and the items leaving from there.
import type { Db } from '../db/client.js';
import type { LabelAddress, LabelData } from './shipping-label.js';

type PartyRow = {
  role: string;
  name: string;
  phone: string | null;
  address: string | null;
  subDistrict: string | null;
  district: string | null;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  country: string | null;
  remarks: string | null;
};

function partyAddress(party: PartyRow): LabelAddress {
  return {
    name: party.name,
    phone: party.phone,
    lines: [
      party.address,
      [party.subDistrict, party.district].filter(Boolean).join(', '),
      [party.city, party.province, party.postalCode].filter(Boolean).join(', '),
      party.country,
      party.remarks,
    ].filter((l): l is string => !!l),
  };
}

/** The label of a shipment of the tenant, or null when there is none (or it is another tenant's). */
export async function loadShippingLabel(prisma: Db, tenantId: number, shipmentId: number): Promise<LabelData | null> {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, tenantId },
    select: {
      trackingNumber: true,
      serviceName: true,
      weightGrams: true,
      warehouseId: true,
      courier: { select: { name: true } },
      warehouse: { select: { name: true, phone: true, address: true, postalCode: true } },
      order: {
        select: {
          code: true,
          channel: true,
          orderedAt: true,
          currency: true,
          paymentMethod: true,
          grandTotal: true,
          notes: true,
          weightGrams: true,
          customer: { select: { name: true, phone: true } },
          parties: {
            select: {
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
              remarks: true,
            },
          },
          items: {
            where: { isCancelled: false },
            orderBy: { id: 'asc' },
            select: {
              sku: true,
              productName: true,
              variationName: true,
              quantity: true,
              allocations: { select: { warehouseId: true, quantity: true } },
            },
          },
        },
      },
    },
  });
  if (!shipment) return null;
  const { order } = shipment;
  const recipientParty = order.parties.find((p) => p.role === 'RECIPIENT') ?? order.parties.find((p) => p.role === 'BUYER');
  const recipient: LabelAddress = recipientParty
    ? partyAddress(recipientParty)
    : { name: order.customer?.name ?? 'Recipient not given', phone: order.customer?.phone, lines: [] };
  const dropshipper = order.parties.find((p) => p.role === 'DROPSHIPPER');
  const warehouse = shipment.warehouse;
  // A dropshipper is shown as the sender (that is the point of dropshipping).
  const sender: LabelAddress = dropshipper
    ? partyAddress(dropshipper)
    : {
        name: warehouse?.name ?? 'Sender not given',
        phone: warehouse?.phone,
        lines: [warehouse?.address, warehouse?.postalCode].filter((l): l is string => !!l),
      };
  // With allocations per warehouse, a shipment carries what was allocated to its warehouse.
  const allocated = shipment.warehouseId != null && order.items.some((i) => i.allocations.length > 0);
  const items = order.items
    .map((item) => ({
      sku: item.sku,
      name: [item.productName, item.variationName].filter(Boolean).join(' '),
      quantity: allocated
        ? item.allocations.filter((a) => a.warehouseId === shipment.warehouseId).reduce((n, a) => n + a.quantity, 0)
        : item.quantity,
    }))
    .filter((i) => i.quantity > 0);
  return {
    orderCode: order.code,
    orderedAt: order.orderedAt,
    channel: order.channel,
    courier: shipment.courier?.name ?? null,
    serviceName: shipment.serviceName,
    trackingNumber: shipment.trackingNumber,
    sender,
    recipient,
    items,
    weightGrams: shipment.weightGrams || order.weightGrams,
    codAmount: order.paymentMethod === 'COD' ? order.grandTotal.toFixed(2) : null,
    currency: order.currency,
    note: order.notes,
  };
}
