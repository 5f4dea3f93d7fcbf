// The top of the house: every domain's GraphQL face composed into the one
// builder, and the schema printed from it.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './graphql/builder.js';
import './graphql/scalars.js';
import './graphql/errors.js';
import './graphql/sorting.js';
import './graphql/subscription-type.js';
import './auth/graphql/index.js';
import './catalog/graphql/index.js';
import './customers/graphql/index.js';
import './documents/graphql/index.js';
import './inventory/graphql/index.js';
import './orders/graphql/index.js';
import './payments/graphql/index.js';
import './reports/graphql/index.js';
import './shipments/graphql/index.js';
import './webhooks/graphql/index.js';
import './exports/graphql/index.js';
import './promotions/graphql/index.js';
import './sales/graphql/index.js';

let schema: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}

/** The SDL committed in schema/schema.graphql: sorted, so diffs read like API changes. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
