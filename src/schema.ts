// Imports every domain's types into the one builder and prints the schema.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './graphql/builder.js';
import './graphql/scalars.js';
import './graphql/errors.js';
import './graphql/sorting.js';
import './auth/graphql/types.js';
import './auth/graphql/api-keys.js';
import './catalog/graphql/types.js';
import './catalog/mutations.js';
import './customers/graphql/types.js';
import './inventory/graphql/types.js';
import './inventory/mutations.js';
import './orders/graphql/types.js';
import './orders/order-create-mutations.js';
import './shipments/graphql/types.js';
import './payments/graphql/types.js';
import './catalog/pricing/schema.js';
import './orders/comment-mutations.js';
import './orders/transition-mutations.js';
import './events/live-schema.js';

let schema: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}

/** The SDL committed in schema/schema.graphql: sorted, so diffs read like API changes. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
