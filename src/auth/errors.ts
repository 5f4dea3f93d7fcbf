// Expected failures of API key management and of what a key's binding allows.
import { DomainError } from '../shared/errors.js';

/** A key of this role must be bound (a PARTNER key to a sales channel); nothing was created. */
export class KeyBindingRequiredError extends DomainError {
  readonly code = 'KEY_BINDING_REQUIRED';
  constructor(
    readonly role: string,
    readonly binding: string,
  ) {
    super(`A ${role} key must be bound to a ${binding}`);
  }
}

/** The key is bound to another sales channel than the one the order names; nothing was written. */
export class ChannelNotAllowedError extends DomainError {
  readonly code = 'CHANNEL_NOT_ALLOWED';
  constructor(
    readonly channel: string,
    readonly allowedChannel: string,
  ) {
    super(`This API key may create orders on channel "${allowedChannel}" only, not "${channel.slice(0, 60)}"`);
  }
}

/** The key is bound to other warehouses than the one named (a stock change, or an order that involves it); nothing was written. */
export class WarehouseNotAllowedError extends DomainError {
  readonly code = 'WAREHOUSE_NOT_ALLOWED';
  constructor(readonly warehouseId: number) {
    super(`This API key may not change stock or orders of warehouse ${warehouseId}`);
  }
}
