// The orderCreate the write benches send: a customer, two lines (one with a cascaded line
// discount), a cascaded order discount and a shipping cost, as one document with its values
// as variables (a typed client's request: the server parses and validates the text once).

export const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export const ORDER_CREATE = `mutation ($input: OrderCreateInput!) { orderCreate(input: $input)
      { __typename ... on OrderCreatePayload { order { id } } ... on Error { code message } } }`;

/** The n-th request: its two lines take variations n and n+1 of the list, round robin. */
export function orderCreateRequest(customerId: number, variationIds: number[], n: number): GraphQLRequest {
  const a = variationIds[n % variationIds.length]!;
  const b = variationIds[(n + 1) % variationIds.length]!;
  return {
    query: ORDER_CREATE,
    variables: {
      input: {
        customer: gid('Customer', customerId),
        items: [
          { variation: gid('Variation', a), quantity: 2, discount: { type: 'CASCADED', value: '10+5' } },
          { variation: gid('Variation', b), quantity: 1 },
        ],
        discount: { type: 'CASCADED', value: '5+2' },
        adjustments: [{ category: 'SHIPPING', value: '15000' }],
      },
    },
  };
}
