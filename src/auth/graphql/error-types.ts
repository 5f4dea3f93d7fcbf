// GraphQL shapes of the errors a key's binding causes (classes in ../errors.ts).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import { ChannelNotAllowedError, KeyBindingRequiredError, WarehouseNotAllowedError } from '../errors.js';

errorType(KeyBindingRequiredError, {
  description: 'A key of this role must be bound (a PARTNER key to a sales channel); no key was created.',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'The role asked for.' }),
    binding: t.exposeString('binding', { description: 'What it must be bound to, e.g. "sales channel".' }),
  }),
});

errorType(ChannelNotAllowedError, {
  description: 'The API key is bound to another sales channel than the order names; nothing was written.',
  fields: (t) => ({
    channel: t.exposeString('channel', { description: 'The channel the order named.' }),
    allowedChannel: t.exposeString('allowedChannel', { description: 'The one channel this key creates orders on.' }),
  }),
});

errorType(WarehouseNotAllowedError, {
  description: 'The API key is bound to other warehouses than the one named (a stock change, or an order that involves that warehouse: its origin or destination, an allocation or a shipment); nothing was written.',
  fields: (t) => ({
    warehouseId: t.id({ resolve: (e) => encodeGlobalID('Warehouse', e.warehouseId), description: 'Global id of the warehouse refused.' }),
  }),
});
