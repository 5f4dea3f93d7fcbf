// GraphQL input shapes the transition table names ('[OrderAllocationInput!]', 'ID', ...)
// and the decoding of a mutation's input into TransitionInput. Shared by the
// generated transition mutations and ordersTransition.
import { PaymentMethod, type CancelReason, type PickupOption } from '../../db/generated/prisma/enums.js';
import type { Decimal } from '../../shared/money.js';
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { PickupOptionEnum } from '../../shipments/graphql/types.js';
import type { TransitionInput } from '../effects/effect-context.js';
import { CancelReasonEnum } from './types.js';
import type { TransitionInputSpec } from '../transitions.js';

type GlobalId = { typename: string; id: string } | string;

export const OrderAllocationInput = builder.inputType('OrderAllocationInput', {
  description: 'Units of one order line to reserve in one warehouse.',
  fields: (t) => ({
    item: t.globalID({ required: true, description: 'Global id of the order line (OrderItem).' }),
    warehouse: t.globalID({ required: true, description: 'Global id of the warehouse.' }),
    quantity: t.int({ required: true, description: 'Units to reserve there.' }),
  }),
});

export const OrderReturnLineInput = builder.inputType('OrderReturnLineInput', {
  description: 'Units of one order line that came back.',
  fields: (t) => ({
    item: t.globalID({ required: true, description: 'Global id of the order line (OrderItem).' }),
    quantity: t.int({ required: true, description: 'Units returned: at most what shipped and has not come back yet.' }),
    restock: t.boolean({ required: false, description: "Put these units back on hand; default the return's `restock`." }),
    warehouse: t.globalID({ required: false, description: 'Global id of the warehouse they go back to; default where they shipped from.' }),
  }),
});

export const OrderReturnRefundInput = builder.inputType('OrderReturnRefundInput', {
  description: 'Money given back with a return.',
  fields: (t) => ({
    amount: t.field({ type: 'Decimal', required: true, description: "Amount given back: at most the returned units' value, and what the buyer paid beyond what they owe." }),
    method: t.field({ type: PaymentMethod, required: false, description: 'How it goes back; default the way the last payment came.' }),
    reference: t.string({ required: false, description: 'Transfer or gateway reference of the refund.' }),
  }),
});

export const OrderReceiptLineInput = builder.inputType('OrderReceiptLineInput', {
  description: 'Units of one shipped line of a transfer that arrived at the destination warehouse.',
  fields: (t) => ({
    item: t.globalID({ required: true, description: 'Global id of the order line (OrderItem).' }),
    quantity: t.int({ required: true, description: 'Units received, from 0 to the units shipped; fewer is recorded as a shortfall.' }),
  }),
});

type FieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

/** The GraphQL input field for one entry of a transition's input list. */
export function inputField(t: FieldBuilder, spec: TransitionInputSpec, options: { forceOptional?: boolean } = {}) {
  const common = { required: spec.required && !options.forceOptional, description: spec.description };
  switch (spec.type) {
    case 'String':
      return t.string(common);
    case 'Boolean':
      return t.boolean(common);
    case 'ID':
      return t.globalID(common);
    case 'CancelReason':
      return t.field({ type: CancelReasonEnum, ...common });
    case 'PickupOption':
      return t.field({ type: PickupOptionEnum, ...common });
    case '[OrderAllocationInput!]':
      return t.field({ type: [OrderAllocationInput], ...common });
    case '[OrderReturnLineInput!]':
      return t.field({ type: [OrderReturnLineInput], ...common });
    case '[OrderReceiptLineInput!]':
      return t.field({ type: [OrderReceiptLineInput], ...common });
    case 'OrderReturnRefundInput':
      return t.field({ type: OrderReturnRefundInput, ...common });
  }
}

/** Reads the fields the specs name from a GraphQL input object into a TransitionInput. */
export function decodeTransitionInput(specs: readonly TransitionInputSpec[], raw: Record<string, unknown>): TransitionInput {
  const input: TransitionInput = {};
  for (const spec of specs) {
    const value = raw[spec.name];
    if (value == null) continue;
    switch (spec.key) {
      case 'courierId':
        input.courierId = decodeIdArg(value as GlobalId, 'Courier');
        break;
      case 'allocations':
        input.allocations = (value as Array<{ item: GlobalId; warehouse: GlobalId; quantity: number }>).map((a) => ({
          itemId: decodeIdArg(a.item, 'OrderItem'),
          warehouseId: decodeIdArg(a.warehouse, 'Warehouse'),
          quantity: a.quantity,
        }));
        break;
      case 'returnLines':
        input.returnLines = (value as Array<{ item: GlobalId; quantity: number; restock?: boolean | null; warehouse?: GlobalId | null }>).map((l) => ({
          itemId: decodeIdArg(l.item, 'OrderItem'),
          quantity: l.quantity,
          restock: l.restock ?? null,
          warehouseId: l.warehouse ? decodeIdArg(l.warehouse, 'Warehouse') : null,
        }));
        break;
      case 'refund':
        input.refund = value as { amount: Decimal; method?: PaymentMethod | null; reference?: string | null };
        break;
      case 'receivedLines':
        input.receivedLines = (value as Array<{ item: GlobalId; quantity: number }>).map((l) => ({ itemId: decodeIdArg(l.item, 'OrderItem'), quantity: l.quantity }));
        break;
      case 'cancelReason':
        input.cancelReason = value as CancelReason;
        break;
      case 'pickupOption':
        input.pickupOption = value as PickupOption;
        break;
      case 'restock':
        input.restock = value as boolean;
        break;
      default:
        input[spec.key] = value as string;
    }
  }
  return input;
}
