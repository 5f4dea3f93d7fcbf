// The default EventBus: in-process, for one instance. Events go straight to this
// instance's subscribers (per tenant, with bounded queues: src/events/fanout.ts).
import { createFanout } from './fanout.js';
import type { EventBus } from './topics.js';

export function createMemoryBus(options: { maxQueued?: number } = {}): EventBus {
  const fanout = createFanout({ maxQueued: options.maxQueued });
  return {
    publish(topic, payload) {
      fanout.dispatch(topic, payload);
    },
    subscribe: (topic, tenantId) => fanout.subscribe(topic, tenantId),
    subscriberCount: (tenantId) => fanout.size(tenantId),
    ready: () => Promise.resolve(),
    async close() {
      fanout.closeAll();
    },
  };
}
