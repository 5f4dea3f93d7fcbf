// Runs the typed query against a server and prints the orders:
//   ORDERGRAPH_URL=http://127.0.0.1:4000/graphql ORDERGRAPH_KEY=og_... npm start
import { NewestOrdersWithTheirCustomersDocument, type OrderPageFragment, type OrderRowFragment } from './generated/graphql.js';
import type { TypedDocumentString } from './generated/graphql.js';

const url = process.env.ORDERGRAPH_URL ?? 'http://127.0.0.1:4000/graphql';
const key = process.env.ORDERGRAPH_KEY ?? 'og_demo_key_for_local_graphiql_only_0000';

async function run<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

// Typed by the fragment: grandTotal is a string ("126400.00"), createdAt an ISO string.
function line(order: OrderRowFragment): string {
  return `${order.code}  ${order.status.padEnd(10)} ${order.totals.grandTotal.padStart(12)} ${order.totals.currency}  ${order.createdAt.slice(0, 10)}`;
}

// The same type for both lists: the fragment is written once.
function summary(page: OrderPageFragment): string {
  return `${page.totalCount} orders, ${page.edges.length} on this page`;
}

const data = await run(NewestOrdersWithTheirCustomersDocument, { first: 3, customerOrders: 2 });
console.log(`${summary(data.orders)}; the newest:`);
for (const { node } of data.orders.edges) {
  console.log(line(node));
  // An order without a customer (a walk-in sale) has customer: null.
  if (!node.customer) continue;
  console.log(`  ${node.customer.name}: ${summary(node.customer.orders)}`);
  for (const own of node.customer.orders.edges) console.log(`    ${line(own.node)}`);
}
