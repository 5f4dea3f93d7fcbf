// bankAccountCreate: adds a bank account buyers may transfer to.
import { builder } from '../../../graphql/builder.js';
import { DuplicateBankAccountError } from '../../bank-account-errors.js';
import { createBankAccount } from '../../bank-account-service.js';
import { bankAccountPayload } from './bank-account-payload.js';

export const BankAccountCreateInput = builder.inputType('BankAccountCreateInput', {
  description: 'A new bank account of the shop.',
  fields: (t) => ({
    bankName: t.string({ required: true, description: 'Bank, at most 100 characters, e.g. "BCA".' }),
    accountName: t.string({ required: true, description: 'Name of the account holder, at most 100 characters.' }),
    accountNumber: t.string({
      required: true,
      description: 'Account number, at most 40 characters: digits, with spaces, "." or "-" between them. Unique per bank.',
    }),
    isActive: t.boolean({ required: false, description: 'Whether new payments may name it; default true.' }),
  }),
});

const BankAccountCreatePayload = bankAccountPayload('BankAccountCreatePayload', 'The bank account created.');

builder.mutationField('bankAccountCreate', (t) =>
  t.field({
    type: BankAccountCreatePayload,
    description: 'Adds a bank account; the same bank and account number again is a DuplicateBankAccountError.',
    errors: { types: [DuplicateBankAccountError] },
    args: { input: t.arg({ type: BankAccountCreateInput, required: true, description: 'The bank account.' }) },
    resolve: (_root, { input }, ctx) => createBankAccount(ctx, input),
  }),
);
