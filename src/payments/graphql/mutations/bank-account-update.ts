// bankAccountUpdate: corrects or (re)activates a bank account.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateBankAccountError } from '../../bank-account-errors.js';
import { updateBankAccount } from '../../bank-account-service.js';
import { bankAccountPayload } from './bank-account-payload.js';

export const BankAccountUpdateInput = builder.inputType('BankAccountUpdateInput', {
  description: 'Changes to a bank account; fields left out stay as they are.',
  fields: (t) => ({
    bankAccount: t.globalID({ required: true, description: 'Global id of the bank account.' }),
    bankName: t.string({ required: false, description: 'Bank, at most 100 characters.' }),
    accountName: t.string({ required: false, description: 'Name of the account holder, at most 100 characters.' }),
    accountNumber: t.string({ required: false, description: 'Account number, at most 40 characters: digits, with spaces, "." or "-" between them.' }),
    isActive: t.boolean({ required: false, description: 'Offer it to new payments (true) or not (false).' }),
  }),
});

const BankAccountUpdatePayload = bankAccountPayload('BankAccountUpdatePayload', 'The bank account updated.');

builder.mutationField('bankAccountUpdate', (t) =>
  t.field({
    type: BankAccountUpdatePayload,
    description: 'Updates a bank account; another account with the same bank and number is a DuplicateBankAccountError. Payments that name it keep it.',
    errors: { types: [DuplicateBankAccountError] },
    args: { input: t.arg({ type: BankAccountUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateBankAccount(ctx, {
        bankAccountId: decodeIdArg(input.bankAccount, 'BankAccount'),
        bankName: input.bankName,
        accountName: input.accountName,
        accountNumber: input.accountNumber,
        isActive: input.isActive,
      }),
  }),
);
