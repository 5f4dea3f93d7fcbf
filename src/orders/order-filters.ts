// OrderFilter -> Prisma where. Pure (no I/O) so the list, its totalCount and the
// status counts share one translation, and unit tests can check it without a database.
import type { Prisma } from '../db/generated/prisma/client.js';
import type { OrderKind, OrderStatus, PaymentStatus, StockType } from '../db/generated/prisma/enums.js';
import { decodeIdArg } from '../shared/global-ids.js';
import { dateRangeWhere } from '../shared/list-query.js';
import { InputError } from '../shared/errors.js';
import { containsText, searchTerm } from '../shared/text-search.js';
import { CONTRACT_REFERENCE_MAX, TAG_MAX, TAGS_MAX } from './order-tags.js';

/** A sales channel code's longest form (orderCreate and API key bindings take no longer). */
const MAX_CHANNEL_LENGTH = 40;

type GlobalId = { typename: string; id: string };
type Range = { from?: Date | null; to?: Date | null } | null | undefined;

/** The OrderFilter input as the resolvers receive it (global ids already parsed). */
export interface OrderFilterValue {
  statuses?: readonly OrderStatus[] | null;
  paymentStatuses?: readonly PaymentStatus[] | null;
  kinds?: readonly OrderKind[] | null;
  channels?: readonly string[] | null;
  source?: GlobalId | null;
  deliveryType?: GlobalId | null;
  customer?: GlobalId | null;
  customerCategory?: GlobalId | null;
  warehouse?: GlobalId | null;
  courier?: GlobalId | null;
  salesRepIds?: readonly GlobalId[] | null;
  salesTeamIds?: readonly GlobalId[] | null;
  productTypes?: readonly StockType[] | null;
  tags?: { hasAny?: readonly string[] | null; hasAll?: readonly string[] | null } | null;
  contractReference?: string | null;
  printed?: boolean | null;
  isDraft?: boolean | null;
  hasOpenCancellationRequest?: boolean | null;
  createdAt?: Range;
  orderedAt?: Range;
  paidAt?: Range;
  shippedAt?: Range;
  search?: string | null;
}

const insensitive = containsText;

/**
 * Every condition is ANDed, so filters that are themselves ORs (warehouse, search) cannot mix.
 * `searchIds`: the ids the search matches, when the caller found them first (order-search.ts);
 * they replace the search's OR.
 */
export function orderWhere(
  tenantId: number,
  filter: OrderFilterValue | null | undefined,
  searchIds?: readonly number[],
): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (filter) {
    if (filter.statuses?.length) and.push({ status: { in: [...filter.statuses] } });
    if (filter.paymentStatuses?.length) and.push({ paymentStatus: { in: [...filter.paymentStatuses] } });
    if (filter.kinds?.length) and.push({ kind: { in: [...filter.kinds] } });
    if (filter.channels?.length) {
      const long = filter.channels.findIndex((c) => [...c].length > MAX_CHANNEL_LENGTH);
      if (long >= 0) throw new InputError(`filter.channels[${long}] must be at most ${MAX_CHANNEL_LENGTH} characters: channel codes are that long at most`);
      and.push({ channel: { in: filter.channels.map((c) => c.trim().toLowerCase()) } });
    }
    if (filter.source) and.push({ sourceId: decodeIdArg(filter.source, 'OrderSource') });
    if (filter.deliveryType) and.push({ deliveryTypeId: decodeIdArg(filter.deliveryType, 'DeliveryType') });
    if (filter.customer) and.push({ customerId: decodeIdArg(filter.customer, 'Customer') });
    if (filter.salesRepIds?.length) and.push({ salesRepId: { in: filter.salesRepIds.map((id) => decodeIdArg(id, 'SalesRep')) } });
    if (filter.salesTeamIds?.length) and.push({ salesTeamId: { in: filter.salesTeamIds.map((id) => decodeIdArg(id, 'SalesTeam')) } });
    if (filter.customerCategory) {
      const categoryId = decodeIdArg(filter.customerCategory, 'CustomerCategory');
      // The category recorded on the order wins; orders without one fall back to the customer's.
      and.push({
        OR: [{ customerCategoryId: categoryId }, { customerCategoryId: null, customer: { is: { categoryId } } }],
      });
    }
    if (filter.warehouse) {
      const warehouseId = decodeIdArg(filter.warehouse, 'Warehouse');
      and.push({
        OR: [{ originWarehouseId: warehouseId }, { items: { some: { allocations: { some: { warehouseId } } } } }],
      });
    }
    if (filter.courier) and.push({ shipments: { some: { courierId: decodeIdArg(filter.courier, 'Courier') } } });
    if (filter.productTypes?.length) {
      and.push({ items: { some: { variation: { is: { product: { is: { stockType: { in: [...filter.productTypes] } } } } } } } });
    }
    if (filter.tags) {
      for (const key of ['hasAny', 'hasAll'] as const) {
        const tags = filter.tags[key];
        if (!tags) continue;
        if (tags.length > TAGS_MAX) throw new InputError(`filter.tags.${key} takes at most ${TAGS_MAX} tags`);
        const long = tags.findIndex((tag) => [...tag].length > TAG_MAX);
        if (long >= 0) throw new InputError(`filter.tags.${key}[${long}] must be at most ${TAG_MAX} characters: tags are that long at most`);
      }
      const hasAny = filter.tags.hasAny?.map((tag) => tag.trim());
      const hasAll = filter.tags.hasAll?.map((tag) => tag.trim());
      // Array operators (&&, @>): served by the GIN index on "Order".tags. An empty hasAny matches nothing; an empty hasAll everything.
      if (hasAny) and.push({ tags: { hasSome: hasAny } });
      if (hasAll?.length) and.push({ tags: { hasEvery: hasAll } });
    }
    if (filter.contractReference != null) {
      const reference = filter.contractReference.trim();
      if ([...reference].length > CONTRACT_REFERENCE_MAX) throw new InputError(`filter.contractReference must be at most ${CONTRACT_REFERENCE_MAX} characters`);
      and.push({ contractReference: reference });
    }
    if (filter.printed != null) and.push({ printedAt: filter.printed ? { not: null } : null });
    if (filter.isDraft != null) and.push({ isDraft: filter.isDraft });
    // Open = REQUESTED: the list's resolver expires requests past their deadline before it reads.
    if (filter.hasOpenCancellationRequest === true) and.push({ cancellationRequests: { some: { status: 'REQUESTED' } } });
    if (filter.hasOpenCancellationRequest === false) and.push({ cancellationRequests: { none: { status: 'REQUESTED' } } });
    for (const column of ['createdAt', 'orderedAt', 'paidAt', 'shippedAt'] as const) {
      const range = dateRangeWhere(filter[column]);
      if (range) and.push({ [column]: range });
    }
    const search = searchTerm(filter.search);
    if (search) and.push(searchIds ? { id: { in: [...searchIds] } } : { OR: searchConditions(search) });
  }
  return and.length ? { tenantId, AND: and } : { tenantId };
}

/** Keyword over code, external reference, customer, parties, SKUs and tracking numbers. */
function searchConditions(search: string): Prisma.OrderWhereInput[] {
  const text = insensitive(search);
  return [
    { code: text },
    { externalRef: text },
    { customer: { is: { OR: [{ name: text }, { phone: text }] } } },
    { parties: { some: { OR: [{ name: text }, { phone: text }] } } },
    { items: { some: { sku: text } } },
    { shipments: { some: { trackingNumber: text } } },
  ];
}
