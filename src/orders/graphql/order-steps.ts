// Who took an order through each step of its lifecycle, and when: read from the order's
// history (the latest event of each transition: an order set back to pending and confirmed
// again shows the second confirmation), and printing from the order row.
import { builder } from '../../graphql/builder.js';

interface Step {
  at: Date;
  by: string | null;
}

const OrderStep = builder.objectRef<Step>('OrderStep').implement({
  description: 'One step an order went through: when, and who took it.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the step was taken.' }),
    by: t.exposeString('by', { nullable: true, description: 'Who took it (the API key or user named in the history), when known.' }),
  }),
});

/** The steps, each with the history's transition that takes it. */
const STEPS = {
  confirmed: 'confirm',
  processed: 'process',
  packed: 'pack',
  shipped: 'ship',
  completed: 'complete',
  cancelled: 'cancel',
  returned: 'return',
} as const;
type StepName = keyof typeof STEPS | 'printed';

const OrderSteps = builder.objectRef<Partial<Record<StepName, Step>>>('OrderSteps').implement({
  description: 'Who took the order through each step and when; a step not taken (yet) is null.',
  fields: (t) => ({
    confirmed: t.field({ type: OrderStep, nullable: true, description: 'Confirmed (payment or approval received).', resolve: (s) => s.confirmed }),
    processed: t.field({ type: OrderStep, nullable: true, description: 'Taken into processing (stock allocated).', resolve: (s) => s.processed }),
    packed: t.field({ type: OrderStep, nullable: true, description: 'Packed.', resolve: (s) => s.packed }),
    printed: t.field({ type: OrderStep, nullable: true, description: 'Its documents or label first printed.', resolve: (s) => s.printed }),
    shipped: t.field({ type: OrderStep, nullable: true, description: 'Handed to the courier.', resolve: (s) => s.shipped }),
    completed: t.field({ type: OrderStep, nullable: true, description: 'Completed.', resolve: (s) => s.completed }),
    cancelled: t.field({ type: OrderStep, nullable: true, description: 'Cancelled.', resolve: (s) => s.cancelled }),
    returned: t.field({ type: OrderStep, nullable: true, description: 'Returned.', resolve: (s) => s.returned }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  steps: t.field({
    type: OrderSteps,
    description: 'Who confirmed, processed, packed, printed, shipped, completed, cancelled or returned the order, and when (the latest time each step was taken).',
    select: {
      printedAt: true,
      printedBy: true,
      events: {
        where: { type: { in: Object.values(STEPS) } },
        orderBy: { sequence: 'asc' },
        select: { type: true, actor: true, createdAt: true },
      },
    },
    resolve: (order) => {
      const steps: Partial<Record<StepName, Step>> = {};
      const byTransition = new Map(Object.entries(STEPS).map(([step, transition]) => [transition as string, step as StepName]));
      // Oldest first: a later event of the same transition replaces the earlier one.
      for (const event of order.events) {
        const step = byTransition.get(event.type);
        if (step) steps[step] = { at: event.createdAt, by: event.actor };
      }
      if (order.printedAt) steps.printed = { at: order.printedAt, by: order.printedBy };
      return steps;
    },
  }),
}));
