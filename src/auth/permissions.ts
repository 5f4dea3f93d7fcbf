// The permission matrix, as data: which roles hold which permission, and which
// permission each mutation and each guarded field needs. The GraphQL layer
// applies it through plugin-scope-auth (src/graphql/permissions-plugin.ts), the
// README prints it, tests iterate it. The mutations of a lifecycle table (order
// transitions, cancellation requests, customer activation, shipment steps) take
// their roles from their row instead, whatever pattern their name matches here.
import type { Role } from '../db/generated/prisma/enums.js';

export const ROLES = ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE', 'PARTNER', 'VIEWER'] as const satisfies readonly Role[];

export const PERMISSIONS = {
  read: { roles: ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE', 'PARTNER', 'VIEWER'], description: 'Read the graph (queries, subscriptions); a key bound to a channel or warehouses reads only their orders, customers and stock (see "API keys and their scope").' },
  'catalog.write': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: 'Create and change products, variations, categories, suppliers.' },
  'prices.write': { roles: ['OWNER', 'ADMIN'], description: 'Set prices, wholesale tiers, customer categories, promotions and coupons.' },
  'customers.write': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: 'Create, change and delete customers and their addresses (their status: the lifecycle mutations below).' },
  'warehouses.write': { roles: ['OWNER', 'ADMIN'], description: 'Create, change and delete warehouses.' },
  'stock.write': { roles: ['OWNER', 'ADMIN', 'WAREHOUSE'], description: 'Adjust, move and count stock (a key bound to warehouses: in those only).' },
  'orders.create': { roles: ['OWNER', 'ADMIN', 'STAFF', 'PARTNER'], description: 'Create orders (a key bound to a channel, as every PARTNER key is: on that channel only).' },
  'orders.edit': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: 'Edit orders, comments and the reason catalogue.' },
  'payments.write': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: "Record and refund payments, and couriers' COD remittances." },
  'shipments.write': { roles: ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE'], description: 'Create shipments (their tracking, pickups and labels: the lifecycle mutations below); print order documents (documentsPrint), which records the print.' },
  'apiKeys.manage': { roles: ['OWNER'], description: 'Create, list and revoke API keys.' },
  'webhooks.manage': { roles: ['OWNER', 'ADMIN'], description: 'Manage webhook endpoints, see their deliveries and the integration log, send deliveries again.' },
  'costs.read': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: 'See purchase prices, internal notes, and cost and profit in sales reports.' },
  'exports.create': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: 'Start bulk exports (CSV, XLSX, JSONL) of orders, products, customers and stock; a bound key exports only what it reads, purchase prices only with costs.read.' },
  'exports.read': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: "See the tenant's exports, their progress and download links." },
  'settings.manage': {
    roles: ['OWNER', 'ADMIN'],
    description: "Change the shop's settings (how long cancellation requests wait for a decision, the time zone of reports) and its catalogues of order sources, couriers with their services and shipping rates, delivery types, and bank accounts.",
  },
  'tenant.manage': { roles: ['OWNER'], description: "Change the shop's own details: name, logo, currency and time zone (tenantSettingsUpdate)." },
  'sales.manage': { roles: ['OWNER', 'ADMIN'], description: 'Create and change sales teams, sales reps and the list of visit statuses.' },
  'visits.write': { roles: ['OWNER', 'ADMIN', 'STAFF'], description: "Record and correct sales reps' visits to customers." },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Mutations by name: an exact name, or a noun prefix ending in "*" (mutations
 * are noun-first, so "product*" covers productCreate, productUpdate, ...).
 * The most specific (longest) match wins. A mutation that matches nothing is
 * refused to everyone, and a test fails: new mutations must be classified.
 */
export const MUTATION_PERMISSIONS: ReadonlyArray<readonly [pattern: string, permission: Permission]> = [
  ['product*', 'catalog.write'],
  ['productCategory*', 'catalog.write'],
  ['variation*', 'catalog.write'],
  ['variationPricesSet', 'prices.write'],
  ['supplier*', 'catalog.write'],
  ['sku*', 'catalog.write'],
  ['customerCategory*', 'prices.write'],
  ['promotion*', 'prices.write'],
  ['customer*', 'customers.write'],
  ['warehouse*', 'warehouses.write'],
  ['stock*', 'stock.write'],
  ['orderCreate', 'orders.create'],
  ['orderEdit', 'orders.edit'],
  ['orderTagsUpdate', 'orders.edit'],
  ['orderPlace', 'orders.create'],
  ['orderReason*', 'orders.edit'],
  ['comment*', 'orders.edit'],
  ['payment*', 'payments.write'],
  ['shipment*', 'shipments.write'],
  // Printing records the print on the orders and their labels, as shipmentLabelMarkPrinted does.
  ['documentsPrint', 'shipments.write'],
  ['apiKey*', 'apiKeys.manage'],
  ['webhook*', 'webhooks.manage'],
  ['cancellationRequestSettingsUpdate', 'settings.manage'],
  ['export*', 'exports.create'],
  ['reportSettingsUpdate', 'settings.manage'],
  ['orderSource*', 'settings.manage'],
  ['courier*', 'settings.manage'],
  ['deliveryType*', 'settings.manage'],
  ['shippingRate*', 'settings.manage'],
  ['bankAccount*', 'settings.manage'],
  ['codRemittance*', 'payments.write'],
  ['orderTransferCodeAssign', 'payments.write'],
  ['tenantSettingsUpdate', 'tenant.manage'],
  ['salesTeam*', 'sales.manage'],
  ['salesRep*', 'sales.manage'],
  ['visitStatus*', 'sales.manage'],
  ['visit*', 'visits.write'],
];

/** Object fields some roles may not read: the field resolves to an error for them. */
export const FIELD_PERMISSIONS: ReadonlyArray<readonly [field: string, permission: Permission]> = [
  ['Variation.costPrice', 'costs.read'],
  ['Order.internalNotes', 'costs.read'],
  ['SalesFigures.cost', 'costs.read'],
  ['SalesFigures.uncostedUnits', 'costs.read'],
  ['SalesFigures.grossProfit', 'costs.read'],
  ['SalesFigures.marginPercent', 'costs.read'],
  ['Query.apiKeys', 'apiKeys.manage'],
  ['Query.webhookEndpoints', 'webhooks.manage'],
  ['Query.webhookEndpoint', 'webhooks.manage'],
  ['Order.integrationLog', 'webhooks.manage'],
  ['Query.exports', 'exports.read'],
  ['Query.export', 'exports.read'],
  ['Subscription.exportProgress', 'exports.read'],
];

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission].roles;
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** The permission a mutation needs, or undefined when the matrix does not name it. */
export function mutationPermission(name: string): Permission | undefined {
  let best: { length: number; permission: Permission } | undefined;
  for (const [pattern, permission] of MUTATION_PERMISSIONS) {
    const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined;
    const matches = prefix !== undefined ? name.startsWith(prefix) && /^[A-Z]/.test(name.slice(prefix.length)) : name === pattern;
    // An exact name beats any prefix.
    const length = prefix !== undefined ? prefix.length : Number.MAX_SAFE_INTEGER;
    if (matches && (!best || length > best.length)) best = { length, permission };
  }
  return best?.permission;
}

export function fieldPermission(typeName: string, fieldName: string): Permission | undefined {
  return FIELD_PERMISSIONS.find(([field]) => field === `${typeName}.${fieldName}`)?.[1];
}
