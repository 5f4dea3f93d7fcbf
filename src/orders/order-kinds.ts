// What each order kind is (seed 000 order kinds), as data. Pure: no I/O.
// Transfers move own stock between two of the tenant's warehouses: shipped from
// the origin, in transit, then received at the destination. Internal kinds
// (transfers, and RETURN orders that send goods back to a supplier) have no
// buyer: they are valued at cost and owe nothing. SALE and REQUEST (a customer's
// or entity's request, invoiced) are sold and paid.
import type { OrderKind } from '../db/generated/prisma/enums.js';

/** Kinds that move own stock from the origin warehouse to the destination warehouse. */
export const TRANSFER_KINDS = ['DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION'] as const satisfies readonly OrderKind[];
/** Kinds without a buyer: valued at cost, payment status NOT_APPLICABLE, payments refused. */
export const INTERNAL_KINDS = [...TRANSFER_KINDS, 'RETURN'] as const satisfies readonly OrderKind[];
/** Kinds delivered to someone outside the tenant, ending with `complete`. */
export const DELIVERY_KINDS = ['SALE', 'REQUEST', 'RETURN'] as const satisfies readonly OrderKind[];

export function isTransferKind(kind: OrderKind): boolean {
  return (TRANSFER_KINDS as readonly OrderKind[]).includes(kind);
}

/** Whether orders of this kind are receivables: priced at sales prices, paid, with an amount due. */
export function isPayableKind(kind: OrderKind): boolean {
  return !(INTERNAL_KINDS as readonly OrderKind[]).includes(kind);
}
