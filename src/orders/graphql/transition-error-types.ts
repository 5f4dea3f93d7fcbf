// GraphQL shapes of the transition errors (classes in ./errors.ts).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import type { OrderKind, OrderStatus } from '../../db/generated/prisma/enums.js';
import { CancellationRequestOpenError, InvalidTransitionError, NoOpenCancellationRequestError, OrderIsDraftError, ReturnExceedsShippedError } from '../errors.js';
import { OrderKindEnum, OrderStatusEnum } from './types.js';

errorType(InvalidTransitionError, {
  description: "The transition does not leave from the order's status (or does not apply to its kind); nothing was written. `allowed` lists the statuses it leaves from.",
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    transition: t.exposeString('transition', { description: 'The transition that was asked for, e.g. "ship".' }),
    from: t.field({ type: OrderStatusEnum, resolve: (e) => e.from as OrderStatus, description: 'The status the order is in.' }),
    kind: t.field({ type: OrderKindEnum, resolve: (e) => e.kind as OrderKind, description: 'The kind of the order.' }),
    allowed: t.field({
      type: [OrderStatusEnum],
      resolve: (e) => e.allowed as OrderStatus[],
      description: 'Statuses the transition leaves from; empty when it does not apply to this kind of order.',
    }),
  }),
});

errorType(OrderIsDraftError, {
  description: 'The order is a draft: place it (orderPlace) before it can move on; a draft can only be cancelled.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    transition: t.exposeString('transition', { description: 'The transition that was asked for.' }),
  }),
});

errorType(CancellationRequestOpenError, {
  description:
    'The order has an open cancellation request: a second request, packing and shipping wait until it is approved, rejected or past its deadline; nothing was written.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    requestId: t.id({ resolve: (e) => encodeGlobalID('CancellationRequest', e.requestId), description: 'Global id of the open request.' }),
    transition: t.exposeString('transition', { nullable: true, description: 'The order transition that was refused, e.g. "pack"; null when a second request was refused.' }),
  }),
});

errorType(NoOpenCancellationRequestError, {
  description: 'There is no open cancellation request to approve or reject.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
  }),
});

errorType(ReturnExceedsShippedError, {
  description: 'A return asks for more units of a line than shipped and have not come back yet; nothing was written.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    itemId: t.id({ resolve: (e) => encodeGlobalID('OrderItem', e.itemId), description: 'Global id of the order line.' }),
    sku: t.exposeString('sku', { description: 'SKU of the line.' }),
    shipped: t.exposeInt('shipped', { description: 'Units of the line that shipped.' }),
    returned: t.exposeInt('returned', { description: 'Units of the line that came back before.' }),
    requested: t.exposeInt('requested', { description: 'Units this return asked for.' }),
  }),
});
