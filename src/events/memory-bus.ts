// The default EventBus: Yoga's in-process pub/sub.
import { createPubSub } from 'graphql-yoga';
import type { EventBus, Topic, Topics } from './topics.js';

type YogaTopics = { [T in Topic]: [Topics[T]] };

export function createMemoryBus(): EventBus {
  const pubsub = createPubSub<YogaTopics>();
  return {
    publish(topic, payload) {
      (pubsub.publish as (t: string, p: unknown) => void)(topic, payload);
    },
    subscribe(topic) {
      return pubsub.subscribe(topic) as AsyncIterable<never>;
    },
  };
}
