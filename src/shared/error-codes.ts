// Every error code a client can meet, as data: the GraphQL enum ErrorCode is built
// from it (src/graphql/error-code-enum.ts) and test/schema/error-codes.test.ts checks
// that each code the source throws is listed. RESULT: the `code` of a typed error
// result (the Error interface); EXTENSIONS: `errors[].extensions.code` of a response.

export type ErrorCodeWhere = 'RESULT' | 'EXTENSIONS';

export interface ErrorCodeInfo {
  where: ErrorCodeWhere;
  description: string;
}

export const ERROR_CODES = {
  // Typed results (mutation payload unions, Error.code)
  NOT_FOUND: { where: 'RESULT', description: 'The object does not exist or belongs to another tenant (also an extensions code of reads and REST routes).' },
  VALIDATION: { where: 'RESULT', description: 'The input was refused; ValidationError.problems lists every problem, nothing was written.' },
  SERVICE_UNAVAILABLE: { where: 'RESULT', description: 'The database was busy, unreachable or the write collided with concurrent ones; the same request may be sent again after extensions.retryAfter seconds.' },
  EXPORT_QUEUE_FULL: { where: 'RESULT', description: 'Too many exports are waiting already; create it again once some have finished.' },
  TIMEOUT: { where: 'RESULT', description: 'A statement or the request ran past its time budget and was stopped; retry after extensions.retryAfter seconds, with a narrower query if it keeps happening.' },
  INVALID_DISCOUNT: { where: 'RESULT', description: 'A discount string that does not parse.' },
  KEY_BINDING_REQUIRED: { where: 'RESULT', description: 'A key of this role must be bound (a PARTNER key to a sales channel).' },
  CHANNEL_NOT_ALLOWED: { where: 'RESULT', description: 'The API key is bound to another sales channel than the one named.' },
  WAREHOUSE_NOT_ALLOWED: { where: 'RESULT', description: 'The API key is bound to other warehouses than the one named.' },
  DUPLICATE_SKU: { where: 'RESULT', description: 'Another variation of the tenant has this SKU.' },
  DUPLICATE_PRODUCT_CATEGORY_NAME: { where: 'RESULT', description: 'Another product category has this name.' },
  PRODUCT_CATEGORY_IN_USE: { where: 'RESULT', description: 'Products belong to the category; it cannot be deleted.' },
  SUPPLIER_IN_USE: { where: 'RESULT', description: 'Products or orders name the supplier; it cannot be deleted.' },
  LAST_VARIATION: { where: 'RESULT', description: 'A product needs at least one variation: the last one cannot be deleted.' },
  VARIATION_HAS_STOCK: { where: 'RESULT', description: 'The variation still has units on hand or reserved.' },
  VARIATION_IN_ORDER_HISTORY: { where: 'RESULT', description: 'Finished orders name the variation: archive it instead of deleting it.' },
  VARIATION_IN_USE: { where: 'RESULT', description: 'Open orders name the variation.' },
  CUSTOMER_CATEGORY_IN_USE: { where: 'RESULT', description: 'Customers or orders name the category: deactivate it instead of deleting it.' },
  DUPLICATE_CUSTOMER_CATEGORY: { where: 'RESULT', description: 'Another customer category has this code.' },
  DUPLICATE_COUPON_CODE: { where: 'RESULT', description: 'Another promotion has this coupon code (codes compare case-insensitively).' },
  UNKNOWN_COUPON: { where: 'RESULT', description: 'No coupon of the shop has the code given to an order.' },
  PROMOTION_EXPIRED: { where: 'RESULT', description: 'The coupon is switched off, not started yet or past its end.' },
  PROMOTION_QUOTA_EXHAUSTED: { where: 'RESULT', description: "Every use of the coupon is taken, or the customer's own limit is reached." },
  PROMOTION_MINIMUM_NOT_REACHED: { where: 'RESULT', description: 'The order does not reach the minimum quantity or subtotal of the coupon.' },
  PROMOTION_NOT_ELIGIBLE: { where: 'RESULT', description: 'The coupon is not for this order: customer category, platform, products or shipping.' },
  INVALID_CUSTOMER_TRANSITION: { where: 'RESULT', description: "The customer's status does not allow this change." },
  INSUFFICIENT_STOCK: { where: 'RESULT', description: 'Not enough stock available for a line; nothing was written.' },
  STOCK_NOT_TRACKED: { where: 'RESULT', description: 'The variation is made to order or bought from the supplier: its stock is not counted.' },
  STOCK_COUNT_CONFLICT: { where: 'RESULT', description: 'The on-hand figure changed since the count started.' },
  DUPLICATE_WAREHOUSE_CODE: { where: 'RESULT', description: 'Another warehouse has this code.' },
  WAREHOUSE_IN_USE: { where: 'RESULT', description: 'The warehouse holds stock or is named by open orders.' },
  WAREHOUSE_INACTIVE: { where: 'RESULT', description: 'The warehouse is inactive.' },
  DUPLICATE_ORDER: { where: 'RESULT', description: 'An order with this channel and external reference exists already (orderCreate).' },
  DUPLICATE_ORDER_REASON: { where: 'RESULT', description: 'Another order reason of this kind has this code.' },
  DUPLICATE_SALES_TEAM: { where: 'RESULT', description: 'Another sales team has this name.' },
  DUPLICATE_VISIT_STATUS: { where: 'RESULT', description: 'Another visit status has this name.' },
  NO_DEFAULT_VISIT_STATUS: { where: 'RESULT', description: 'A visit was recorded without a status and no active visit status of type ORDER exists to default to.' },
  IDEMPOTENCY_CONFLICT: { where: 'RESULT', description: 'An idempotency key was used with another request (typed result of orderCreate; also the extensions code of the Idempotency-Key header and extensions.idempotencyKey).' },
  ORDER_NOT_EDITABLE: { where: 'RESULT', description: "The order's status does not allow editing." },
  VERSION_CONFLICT: { where: 'RESULT', description: 'The order changed since the version the client read.' },
  ORDER_NOT_DRAFT: { where: 'RESULT', description: 'Only a draft order allows this.' },
  ORDER_IS_DRAFT: { where: 'RESULT', description: 'A draft order does not allow this; confirm it first.' },
  INVALID_TRANSITION: { where: 'RESULT', description: "The transition does not apply to the order's status." },
  CANCELLATION_REQUEST_OPEN: { where: 'RESULT', description: 'A cancellation request of the order is open: pack and ship wait for its decision.' },
  NO_OPEN_CANCELLATION_REQUEST: { where: 'RESULT', description: 'The order has no open cancellation request to decide.' },
  RETURN_EXCEEDS_SHIPPED: { where: 'RESULT', description: 'A return line asks for more than shipped and is not back yet.' },
  ORDER_NOT_SHIPPABLE: { where: 'RESULT', description: 'Shipments are made for PROCESSING, PACKED or SHIPPED orders only.' },
  INVALID_SHIPMENT_STATE: { where: 'RESULT', description: "The shipment's status does not allow the action." },
  OVERPAYMENT: { where: 'RESULT', description: 'The amount is more than the order still owes.' },
  PAYMENT_NOT_ALLOWED: { where: 'RESULT', description: "The order's status or settlement takes no payment." },
  PAYMENT_NOT_APPLICABLE: { where: 'RESULT', description: 'The order is not a receivable (a transfer or a return to a supplier).' },
  REFUND_EXCEEDS_PAID: { where: 'RESULT', description: 'The refund is more than was paid.' },
  REFUND_EXCEEDS_RETURN: { where: 'RESULT', description: 'The refund is more than the return or cancellation it settles is worth.' },
  DUPLICATE_INSTALLMENT: { where: 'RESULT', description: 'Another payment of the order has this installment number.' },
  WEBHOOK_DELIVERY_PENDING: { where: 'RESULT', description: 'The delivery is still being tried; it can be sent again once delivered or given up.' },
  // Response errors (errors[].extensions.code)
  BAD_REQUEST: { where: 'EXTENSIONS', description: 'The HTTP request is malformed (parameters, headers); HTTP 400.' },
  BAD_USER_INPUT: { where: 'EXTENSIONS', description: 'An argument or variable value is invalid.' },
  GRAPHQL_PARSE_FAILED: { where: 'EXTENSIONS', description: 'The document does not parse.' },
  GRAPHQL_VALIDATION_FAILED: { where: 'EXTENSIONS', description: 'The document is not valid against the schema.' },
  UNAUTHENTICATED: { where: 'EXTENSIONS', description: 'No valid API key; HTTP 401.' },
  FORBIDDEN: { where: 'EXTENSIONS', description: "The key's role or binding does not allow this, or X-Tenant-Id names another tenant; HTTP 403 on transports." },
  GONE: { where: 'EXTENSIONS', description: 'A signed download link whose file was deleted after its retention period; HTTP 410.' },
  LINK_EXPIRED: { where: 'EXTENSIONS', description: 'A signed download link (document, export) is past its expiry: ask for a new one; HTTP 410.' },
  METHOD_NOT_ALLOWED: { where: 'EXTENSIONS', description: 'REST routes: the HTTP method is not allowed; HTTP 405.' },
  PAYLOAD_TOO_LARGE: { where: 'EXTENSIONS', description: 'The request body exceeds the server limit; HTTP 413.' },
  QUERY_TOO_COMPLEX: { where: 'EXTENSIONS', description: 'The document exceeds depth, alias, token or introspection limits; HTTP 400.' },
  QUERY_TOO_COSTLY: { where: 'EXTENSIONS', description: "The operation's cost exceeds the maximum per request." },
  THROTTLED: { where: 'EXTENSIONS', description: "The key's cost budget is spent; retry after extensions.retryAfter seconds (HTTP 429)." },
  LIMIT_EXCEEDED: { where: 'EXTENSIONS', description: 'Too many subscriptions per API key or operations per connection.' },
  LIVE_COST_EXCEEDED: { where: 'EXTENSIONS', description: 'The live cost ceiling of the key or tenant is reached.' },
  SLOW_CONSUMER: { where: 'EXTENSIONS', description: 'A subscription fell too far behind its events and was ended.' },
  IDEMPOTENCY_IN_PROGRESS: { where: 'EXTENSIONS', description: 'A request with this idempotency key is still running; retry (HTTP 409, retry-after).' },
  PERSISTED_QUERY_NOT_FOUND: { where: 'EXTENSIONS', description: 'No trusted document or automatic persisted query has this id; an APQ client sends the query with the hash again.' },
  PERSISTED_QUERY_ONLY: { where: 'EXTENSIONS', description: 'This API key runs trusted documents only: send documentId instead of a query; HTTP 403.' },
  PERSISTED_QUERY_HASH_MISMATCH: { where: 'EXTENSIONS', description: 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; HTTP 400.' },
  INTERNAL_SERVER_ERROR: { where: 'EXTENSIONS', description: 'Unexpected error; logged with the request id, nothing more is told.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
