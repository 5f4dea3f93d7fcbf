// The shop's bank accounts buyers transfer to (seed 002 bank accounts). One account
// per bank (case aside) and account number. Deactivated accounts stay on the
// payments that name them but are refused on new payments.
import { transaction, type TransactionDeps, type Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateBankAccountError } from './bank-account-errors.js';

export interface BankAccountDeps extends TransactionDeps {
  tenantId: number;
}

export const BANK_NAME_MAX = 100;
export const ACCOUNT_NAME_MAX = 100;
export const ACCOUNT_NUMBER_MAX = 40;
// Digits, with the spaces, dots and dashes banks print them with.
const ACCOUNT_NUMBER = /^[0-9][0-9 .-]*$/;

interface Fields {
  bankName?: string | null;
  accountName?: string | null;
  accountNumber?: string | null;
}

/** The given fields trimmed, or the problems with them; `required` for a create. */
function checkFields(input: Fields, required: boolean) {
  const problems = new Problems();
  const bankName = input.bankName != null || required ? checkText(problems, ['bankName'], input.bankName, { required: true, max: BANK_NAME_MAX }) : undefined;
  const accountName = input.accountName != null || required ? checkText(problems, ['accountName'], input.accountName, { required: true, max: ACCOUNT_NAME_MAX }) : undefined;
  const accountNumber = input.accountNumber != null || required ? checkText(problems, ['accountNumber'], input.accountNumber, { required: true, max: ACCOUNT_NUMBER_MAX }) : undefined;
  if (accountNumber && !ACCOUNT_NUMBER.test(accountNumber)) problems.add(['accountNumber'], 'may hold digits, spaces, "." and "-" only, starting with a digit');
  problems.throwIfAny();
  return { bankName, accountName, accountNumber };
}

/** Another account of this bank with this number (compared without spaces, dots and dashes). */
async function sameAccount(tx: Tx, tenantId: number, bankName: string, accountNumber: string, exceptId: number | null) {
  const digits = (n: string) => n.replace(/[^0-9]/g, '');
  const accounts = await tx.bankAccount.findMany({ where: { tenantId }, select: { id: true, bankName: true, accountNumber: true } });
  return accounts.find((a) => a.id !== exceptId && a.bankName.toLowerCase() === bankName.toLowerCase() && digits(a.accountNumber) === digits(accountNumber)) ?? null;
}

export async function createBankAccount(
  deps: BankAccountDeps,
  input: { bankName: string; accountName: string; accountNumber: string; isActive?: boolean | null },
): Promise<{ bankAccountId: number }> {
  const fields = checkFields(input, true);
  const [bankName, accountName, accountNumber] = [fields.bankName!, fields.accountName!, fields.accountNumber!];
  return transaction(deps, async ({ tx }) => {
    const clash = await sameAccount(tx, deps.tenantId, bankName, accountNumber, null);
    if (clash) throw new DuplicateBankAccountError(bankName, accountNumber, clash.id);
    const account = await tx.bankAccount.create({
      data: { tenantId: deps.tenantId, bankName, accountName, accountNumber, isActive: input.isActive ?? true },
      select: { id: true },
    });
    return { bankAccountId: account.id };
  });
}

export async function updateBankAccount(
  deps: BankAccountDeps,
  input: Fields & { bankAccountId: number; isActive?: boolean | null },
): Promise<{ bankAccountId: number }> {
  const { bankName, accountName, accountNumber } = checkFields(input, false);
  return transaction(deps, async ({ tx }) => {
    const account = await tx.bankAccount.findFirst({
      where: { id: input.bankAccountId, tenantId: deps.tenantId },
      select: { id: true, bankName: true, accountNumber: true },
    });
    if (!account) throw new NotFoundError('BankAccount', String(input.bankAccountId));
    if (bankName !== undefined || accountNumber !== undefined) {
      const [bank, number] = [bankName ?? account.bankName, accountNumber ?? account.accountNumber];
      const clash = await sameAccount(tx, deps.tenantId, bank, number, account.id);
      if (clash) throw new DuplicateBankAccountError(bank, number, clash.id);
    }
    await tx.bankAccount.update({ where: { id: account.id }, data: { bankName, accountName, accountNumber, isActive: input.isActive ?? undefined } });
    return { bankAccountId: account.id };
  });
}

export async function deactivateBankAccount(deps: BankAccountDeps, input: { bankAccountId: number }): Promise<{ bankAccountId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.bankAccount.updateMany({ where: { id: input.bankAccountId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('BankAccount', String(input.bankAccountId));
    return { bankAccountId: input.bankAccountId };
  });
}
