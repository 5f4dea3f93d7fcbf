// The lifecycle mutations, one per row of the activation table (customerAccept,
// customerRefuse, customerActivate, customerDeactivate, customerBlock, customerUnblock):
// adding a row to customer-transitions.ts adds its mutation.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { applyCustomerTransition, type CustomerTransitioned } from '../../customer-lifecycle-service.js';
import { CustomerStatusEnum, CustomerTransitionEnum } from '../customer-status.js';
import { CUSTOMER_TRANSITION_NAMES, CUSTOMER_TRANSITIONS, type CustomerTransitionName, type CustomerTransitionRule } from '../../customer-transitions.js';
import { InvalidCustomerTransitionError } from '../error-types.js';

const upperFirst = (s: string) => s[0]!.toUpperCase() + s.slice(1);

interface TransitionArgs {
  customer: { typename: string; id: string };
  reason?: string | null;
  category?: { typename: string; id: string } | null;
  categoryCode?: string | null;
}

function transitionInput(rule: CustomerTransitionRule) {
  return builder.inputType(`${upperFirst(rule.mutation)}Input`, {
    description: `Input of ${rule.mutation}: ${rule.description}`,
    fields: (t) => {
      const fields: Record<string, ReturnType<typeof t.string> | ReturnType<typeof t.globalID>> = {
        customer: t.globalID({ required: true, description: 'Global id of the customer.' }),
      };
      for (const spec of rule.input) {
        fields[spec.name] =
          spec.type === 'ID'
            ? t.globalID({ required: spec.required, description: spec.description })
            : t.string({ required: spec.required, description: spec.description });
      }
      return fields;
    },
  });
}

function transitionPayload(name: CustomerTransitionName, rule: CustomerTransitionRule) {
  return builder.objectRef<CustomerTransitioned>(`${upperFirst(rule.mutation)}Payload`).implement({
    description: `The customer after ${name}.`,
    fields: (t) => ({
      customer: t.prismaField({
        type: 'Customer',
        description: 'The customer after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }),
      }),
      transition: t.field({ type: CustomerTransitionEnum, description: 'The transition applied.', resolve: (p) => p.transition }),
      from: t.expose('from', { type: CustomerStatusEnum, description: 'The status before.' }),
      to: t.expose('to', { type: CustomerStatusEnum, description: 'The status now.' }),
      reason: t.exposeString('reason', {
        nullable: true,
        description: 'The reason given. The Customer has no column for it (its notes are for people), so it is returned here only.',
      }),
    }),
  });
}

for (const name of CUSTOMER_TRANSITION_NAMES) {
  const rule: CustomerTransitionRule = CUSTOMER_TRANSITIONS[name];
  const Input = transitionInput(rule);
  const Payload = transitionPayload(name, rule);
  builder.mutationField(rule.mutation, (t) =>
    t.field({
      type: Payload,
      description: `${rule.description} From ${rule.from.join(' or ')} to ${rule.to}; from any other status an InvalidCustomerTransitionError, nothing changed.`,
      errors: { types: [InvalidCustomerTransitionError] },
      args: { input: t.arg({ type: Input, required: true, description: 'The customer and what the transition takes.' }) },
      resolve: (_root, args, ctx) => {
        const input = args.input as unknown as TransitionArgs;
        return applyCustomerTransition(ctx, {
          customerId: decodeIdArg(input.customer, 'Customer'),
          transition: name,
          reason: input.reason,
          categoryId: input.category ? decodeIdArg(input.category, 'CustomerCategory') : input.category,
          categoryCode: input.categoryCode,
        });
      },
    }),
  );
}
