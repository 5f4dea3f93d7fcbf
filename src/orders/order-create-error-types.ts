// GraphQL shapes of the order create / edit errors (classes in ./errors.ts).
// VersionConflictError is registered here once; other order mutations reuse the class.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../graphql/builder.js';
import { ErrorInterface } from '../graphql/errors.js';
import { DuplicateOrderError, IdempotencyConflictError, OrderNotDraftError, OrderNotEditableError, VersionConflictError } from './errors.js';

builder.objectType(DuplicateOrderError, {
  name: 'DuplicateOrderError',
  description: 'An order with this channel and external reference exists already; no second order was created.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DuplicateOrderError,
  fields: (t) => ({
    channel: t.exposeString('channel', { description: 'The channel code, e.g. "shopee".' }),
    externalRef: t.exposeString('externalRef', { description: "The channel's order reference." }),
    existingOrderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.existingOrderId), description: 'Global id of the order that has it.' }),
  }),
});

builder.objectType(IdempotencyConflictError, {
  name: 'IdempotencyConflictError',
  description: 'The idempotency key was used before with a different input; nothing was written. Use a new key for a new order.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof IdempotencyConflictError,
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey', { description: 'The key sent.' }),
    existingOrderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.existingOrderId), description: 'Global id of the order created with that key.' }),
  }),
});

builder.objectType(OrderNotEditableError, {
  name: 'OrderNotEditableError',
  description: 'The order can be edited only as a draft or while PENDING or CONFIRMED.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OrderNotEditableError,
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    status: t.exposeString('status', { description: 'Its current status.' }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  description: 'The order changed since the client read it (expectedVersion is stale); nothing was written. Re-read and retry.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof VersionConflictError,
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version the client sent.' }),
    actualVersion: t.exposeInt('actualVersion', { description: 'The version the order has.' }),
  }),
});

builder.objectType(OrderNotDraftError, {
  name: 'OrderNotDraftError',
  description: 'The order is not a draft, so there is nothing to place.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OrderNotDraftError,
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
  }),
});
