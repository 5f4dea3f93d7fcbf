// The typed error of a payment on an order that is not a receivable (a transfer, a return to a supplier).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { OrderKind } from '../../db/generated/prisma/enums.js';
import { errorType } from '../../graphql/errors.js';
import { PaymentNotApplicableError } from '../errors.js';

errorType(PaymentNotApplicableError, {
  description: 'The order owes nothing by its kind (a transfer between own warehouses or a return to a supplier, valued at cost); nothing was recorded.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    kind: t.field({ type: OrderKind, resolve: (e) => e.kind as OrderKind, description: 'The order kind.' }),
  }),
});
