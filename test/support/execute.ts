// Sends GraphQL over HTTP to the app, as a client would (no network: yoga.fetch).
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { testApp } from './app.js';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export async function post(body: unknown, headers: Record<string, string> = {}) {
  const { app } = await testApp();
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return response;
}

/** Runs a typed document with the given API key; returns status, data and errors. */
export async function execute<TResult, TVariables>(
  key: string | undefined,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string,
  variables?: TVariables,
): Promise<GraphQLResponse<TResult>> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await post({ query, variables }, key ? { authorization: `Bearer ${key}` } : {});
  const json = (await response.json()) as GraphQLResponse<TResult>;
  return { ...json, status: response.status };
}

/** Like execute, but fails the test on any GraphQL error and returns the data. */
export async function query<TResult, TVariables>(
  key: string,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string,
  variables?: TVariables,
): Promise<TResult> {
  const result = await execute(key, document, variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result, null, 2)}`);
  }
  return result.data;
}

/**
 * Like query, but retries as a client would when the answer is SERVICE_UNAVAILABLE
 * ("nothing was written, retry"): a loaded machine may run out of pool slots when
 * hundreds of requests race for one row. Any other error fails the test.
 */
export async function queryRetrying<TResult, TVariables>(
  key: string,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string,
  variables?: TVariables,
  attempts = 5,
): Promise<TResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await execute(key, document, variables);
    const busy = result.errors?.length && result.errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
    if (busy && attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      continue;
    }
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result, null, 2)}`);
    return result.data;
  }
}

/**
 * Counts the SQL statements Prisma sends while fn runs, leaving out the API key
 * lookup and its occasional lastUsedAt update (constant per request, and the
 * update lands whenever it lands): the count is what the query itself costs.
 * Export jobs still running are waited for first.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
  const { app, sql } = await testApp();
  // Export jobs an earlier test (or file: workers share the app) left running write their progress in the background.
  await app.exports.idle();
  sql.reset();
  const result = await fn();
  const statements = sql.statements.filter((s) => !s.includes('"ApiKey"'));
  return { result, count: statements.length, statements };
}
