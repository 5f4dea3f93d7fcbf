// Per-event work of a subscription, shared by the graphql-ws server and the traced SSE path.
import { getOperationAST, type DocumentNode } from 'graphql';

/** The attributes of a subscription's delivery spans (tracing on; events/event-trace.ts). */
export function deliveryAttributes(document: DocumentNode, operationName: string | null | undefined): Record<string, string> {
  const name = getOperationAST(document, operationName)?.name?.value;
  return { 'graphql.operation.type': 'subscription', ...(name ? { 'graphql.operation.name': name } : {}) };
}

/**
 * A subscription's source stream mapped event by event, as graphql-js subscribe maps it:
 * closing (or throwing into) the mapped stream closes the source.
 */
export function mapEvents<T>(source: AsyncGenerator<unknown>, map: (payload: unknown) => Promise<T>): AsyncGenerator<T> {
  const iterator = {
    async next(): Promise<IteratorResult<T>> {
      const event = await source.next();
      return event.done ? { value: undefined, done: true } : { value: await map(event.value), done: false };
    },
    async return(): Promise<IteratorResult<T>> {
      await source.return?.(undefined);
      return { value: undefined, done: true };
    },
    async throw(error: unknown): Promise<IteratorResult<T>> {
      await source.return?.(undefined);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as unknown as AsyncGenerator<T>;
}
