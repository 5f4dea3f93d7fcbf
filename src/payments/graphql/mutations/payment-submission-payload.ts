// The payload of the payment submission mutations: the submission, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function paymentSubmissionPayload(name: string, description: string) {
  return builder.objectRef<{ submissionId: number }>(name).implement({
    description,
    fields: (t) => ({
      submission: t.prismaField({
        type: 'PaymentSubmission',
        description: 'The submission after the step, with its order and payment.',
        resolve: (query, p, _args, ctx) => ctx.prisma.paymentSubmission.findUniqueOrThrow({ ...query, where: { id: p.submissionId } }),
      }),
    }),
  });
}
