// The query GraphiQL opens with: the newest orders with their items and stock.
export const DEFAULT_QUERY = `# Welcome to ordergraph. The demo API key is already in the Headers tab.
# Press the play button to run this query; explore the schema in the Docs panel.
query NewestOrders {
  orders(first: 5, orderBy: { field: CREATED_AT, direction: DESC }) {
    totalCount
    edges {
      node {
        id
        code
        status
        paymentStatus
        customer { name phone }
        totals { subtotal shipping discount grandTotal currency }
        items {
          quantity
          unitPrice
          variation { sku product { name } stock { available } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  orderStatusCounts { status count }
}
`;
