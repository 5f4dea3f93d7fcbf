// One connection type per node type: every list of orders (Query.orders,
// Customer.orders) is an `OrderConnection` of `OrderEdge`s, so a client's fragment
// on OrderConnection fits each of them. A list that needs fields of its own would
// get a connection type of its own; none does today.
import { builder } from './builder.js';
import type { BuilderTypes } from './builder.js';

type NodeType = keyof BuilderTypes['PrismaTypes'] & string;
/** plugin-prisma puts the count (or a function computing it) on the connection it resolves. */
type CountedConnection = { totalCount?: number | (() => number | Promise<number>) };

const made = new Map<string, ReturnType<typeof makeConnection>>();

function makeConnection(type: NodeType, totalCount: boolean) {
  return builder.connectionObject({
    // A prisma object's name is an output type; the type system does not know it here.
    type: type as never,
    name: `${type}Connection`,
    fields: (t): Record<string, ReturnType<typeof t.int>> => {
      if (!totalCount) return {};
      return {
        totalCount: t.int({
          description: 'Number of items in the whole list (all pages) with the same filter.',
          // As on plugin-prisma's own totalCount: a page asking only for it reads no rows.
          extensions: { pothosPrismaTotalCount: true },
          resolve: (connection) => {
            const count = (connection as CountedConnection).totalCount;
            return typeof count === 'function' ? count() : (count ?? 0);
          },
        }),
      };
    },
  });
}

/**
 * The shared connection of a node type, for `t.prismaConnection(options, connectionOf('Order'))`
 * and `t.relatedConnection(relation, options, connectionOf('Order'))`. With totalCount
 * (the default) the fields using it must count too (`totalCount: true` or a function).
 */
export function connectionOf(type: NodeType, options: { totalCount?: boolean } = {}) {
  const totalCount = options.totalCount ?? true;
  let ref = made.get(type);
  if (!ref) {
    ref = makeConnection(type, totalCount);
    made.set(type, ref);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same object serves lists of any parent
  return ref as any;
}
