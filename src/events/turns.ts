// Work that fans out to thousands of subscribers, run in turns: at most SLICE steps per turn
// of the event loop, the rest after the loop has polled I/O (setImmediate). An event for
// 20,000 subscribers would otherwise hold the loop for the whole fan-out (hundreds of ms on
// a small machine), and HTTP requests, pings and other tenants' events would wait behind it.
// Steps run in the order they were queued, so two events reach each subscriber in order.

/** Steps per turn: each one wakes a subscriber, whose delivery (its chain of promises, a socket write) runs after it in the same turn. */
export const SLICE = 500;

type Step = (arg: never) => void;

const steps: Step[] = [];
const args: unknown[] = [];
let head = 0;
let scheduled = false;

function drain(): void {
  scheduled = false;
  const end = Math.min(steps.length, head + SLICE);
  try {
    while (head < end) {
      const step = steps[head]!;
      const arg = args[head];
      // Let go of the step's objects as it runs (the queue's arrays are reused).
      steps[head] = undefined as never;
      args[head] = undefined;
      head++;
      step(arg as never);
    }
  } finally {
    if (head < steps.length) {
      scheduled = true;
      setImmediate(drain);
    } else {
      steps.length = 0;
      args.length = 0;
      head = 0;
    }
  }
}

/** Runs `step(arg)` in a later turn, after the steps queued before it. */
export function inTurns<A>(step: (arg: A) => void, arg: A): void {
  steps.push(step as Step);
  args.push(arg);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
}

/** Whether steps are waiting (a step queued now would run after them). */
export function turnsPending(): boolean {
  return head < steps.length;
}

/**
 * One value many wait for (a shared live result): each call is one waiter's promise of it. Up
 * to SLICE waiters with no turns pending get it as it comes; more are handed it in turns
 * (inTurns), so that thousands of deliveries do not run in one turn. A handful of subscribers
 * thus pays no hop through the event loop.
 */
export function handedOut<T>(promise: Promise<T>): () => Promise<T> {
  let waiters = 0;
  const handOut = (value: T): T | Promise<T> => (waiters <= SLICE && !turnsPending() ? value : new Promise<T>((resolve) => inTurns(resolve, value)));
  return () => {
    waiters++;
    return promise.then(handOut);
  };
}
