// bankAccountDeactivate: stops offering a bank account; payments that name it keep it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateBankAccount } from '../../bank-account-service.js';
import { bankAccountPayload } from './bank-account-payload.js';

export const BankAccountDeactivateInput = builder.inputType('BankAccountDeactivateInput', {
  description: 'The bank account to stop offering.',
  fields: (t) => ({
    bankAccount: t.globalID({ required: true, description: 'Global id of the bank account.' }),
  }),
});

const BankAccountDeactivatePayload = bankAccountPayload('BankAccountDeactivatePayload', 'The bank account, now inactive.');

builder.mutationField('bankAccountDeactivate', (t) =>
  t.field({
    type: BankAccountDeactivatePayload,
    description: 'Deactivates a bank account (idempotent): new payments may no longer name it. Reactivate it with bankAccountUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: BankAccountDeactivateInput, required: true, description: 'The bank account.' }) },
    resolve: (_root, { input }, ctx) => deactivateBankAccount(ctx, { bankAccountId: decodeIdArg(input.bankAccount, 'BankAccount') }),
  }),
);
