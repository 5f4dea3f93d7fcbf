// Where an order comes from (marketplace, storefront, chat, shop counter), which
// order source it is filed under, and how its buyer usually pays there.
import type { OrderKind, OrderStatus, PaymentMethod } from '../../db/generated/prisma/enums.js';
import type { Rng } from './random.js';
import { pad } from './zero-pad.js';

export type Channel = 'offline' | 'storefront' | 'shopee' | 'tokopedia' | 'whatsapp';

/** Marketplace orders are synced in with their own references, line ids and pickup slots. */
export const isMarketplace = (channel: Channel) => channel === 'shopee' || channel === 'tokopedia';

export function pickChannel(rng: Rng, kind: OrderKind, internal: boolean): Channel {
  if (internal) return 'offline';
  if (kind === 'REQUEST') return rng.pick(['offline', 'whatsapp'] as const);
  return rng.weighted([['offline', 15], ['storefront', 15], ['shopee', 30], ['tokopedia', 20], ['whatsapp', 20]] as const);
}

/** Name of the OrderSource row, or null for the shop counter. */
export function pickSourceName(rng: Rng, channel: Channel): string | null {
  switch (channel) {
    case 'shopee':
      return 'Shopee';
    case 'tokopedia':
      return 'Tokopedia';
    case 'storefront':
      return 'Website';
    case 'whatsapp':
      return rng.chance(0.7) ? 'WhatsApp' : 'Instagram';
    default:
      return null;
  }
}

export function pickPaymentMethod(rng: Rng, channel: Channel): PaymentMethod {
  switch (channel) {
    case 'shopee':
    case 'tokopedia':
      return 'MARKETPLACE';
    case 'offline':
      return rng.weighted([['CASH', 45], ['BANK_TRANSFER', 35], ['QRIS', 20]]);
    case 'storefront':
      return rng.weighted([['VIRTUAL_ACCOUNT', 30], ['BANK_TRANSFER', 25], ['E_WALLET', 20], ['COD', 15], ['CREDIT_CARD', 10]]);
    default:
      return rng.weighted([['BANK_TRANSFER', 65], ['COD', 25], ['E_WALLET', 10]]);
  }
}

/** The marketplace's own order number, or null off marketplaces. */
export function externalRefOf(rng: Rng, channel: Channel, orderedAt: number, index: number): string | null {
  const date = new Date(orderedAt).toISOString();
  if (channel === 'shopee') return `${date.slice(2, 10).replace(/-/g, '')}${pad(index + 1, 6)}${rng.digits(2)}`;
  if (channel === 'tokopedia') return `INV/${date.slice(0, 10).replace(/-/g, '')}/MPL/${pad(index + 1, 10)}`;
  return null;
}

/** The marketplace's status word for each of ours. */
export const EXTERNAL_STATUS: Record<OrderStatus, string> = {
  PENDING: 'UNPAID',
  CONFIRMED: 'READY_TO_SHIP',
  PROCESSING: 'READY_TO_SHIP',
  PACKED: 'PROCESSED',
  SHIPPED: 'SHIPPED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  RETURNED: 'TO_RETURN',
};
