// Imports every domain's types into the one builder and prints the schema.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './sorting.js';
import '../auth/schema.js';
import '../auth/api-key-schema.js';
import '../catalog/schema.js';
import '../catalog/mutations.js';
import '../customers/schema.js';
import '../inventory/schema.js';
import '../inventory/mutations.js';
import '../orders/schema.js';
import '../orders/order-create-mutations.js';
import '../shipments/schema.js';
import '../payments/schema.js';
import '../catalog/pricing/schema.js';
import '../orders/comment-mutations.js';
import '../orders/transition-mutations.js';
import '../events/live-schema.js';

let schema: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}

/** The SDL committed in schema/schema.graphql: sorted, so diffs read like API changes. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
