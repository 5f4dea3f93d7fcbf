// GraphQL shapes of the order create / edit errors (classes in ./errors.ts).
// VersionConflictError is registered here once; other order mutations reuse the class.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import { DuplicateOrderError, IdempotencyConflictError, OrderNotDraftError, OrderNotEditableError, VersionConflictError } from '../errors.js';

errorType(DuplicateOrderError, {
  description: 'An order with this channel and external reference exists already; no second order was created.',
  fields: (t) => ({
    channel: t.exposeString('channel', { description: 'The channel code, e.g. "shopee".' }),
    externalRef: t.exposeString('externalRef', { description: "The channel's order reference." }),
    existingOrderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.existingOrderId), description: 'Global id of the order that has it.' }),
  }),
});

errorType(IdempotencyConflictError, {
  description: 'The idempotency key was used before with a different input; nothing was written. Use a new key for a new order.',
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey', { description: 'The key sent.' }),
    existingOrderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.existingOrderId), description: 'Global id of the order created with that key.' }),
  }),
});

errorType(OrderNotEditableError, {
  description: 'The order can be edited only as a draft or while PENDING or CONFIRMED.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    status: t.exposeString('status', { description: 'Its current status.' }),
  }),
});

errorType(VersionConflictError, {
  description: 'The order changed since the client read it (expectedVersion is stale); nothing was written. Re-read and retry.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version the client sent.' }),
    actualVersion: t.exposeInt('actualVersion', { description: 'The version the order has.' }),
  }),
});

errorType(OrderNotDraftError, {
  description: 'The order is not a draft, so there is nothing to place.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
  }),
});
