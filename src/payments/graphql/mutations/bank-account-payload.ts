// The payload of the bank account catalogue mutations: the account, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function bankAccountPayload(name: string, description: string) {
  return builder.objectRef<{ bankAccountId: number }>(name).implement({
    description,
    fields: (t) => ({
      bankAccount: t.prismaField({
        type: 'BankAccount',
        description: 'The bank account after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.bankAccount.findUniqueOrThrow({ ...query, where: { id: p.bankAccountId } }),
      }),
    }),
  });
}
