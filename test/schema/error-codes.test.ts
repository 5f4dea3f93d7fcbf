// Clients find every error code in the schema's ErrorCode enum: each code the source
// gives a DomainError class, or puts into a response error's extensions, is one of its values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'demo' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(join(root, 'src')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

function found(pattern: RegExp): Map<string, string> {
  const codes = new Map<string, string>();
  for (const { path, text } of files) for (const match of text.matchAll(pattern)) codes.set(match[1]!, path.slice(root.length));
  return codes;
}

const enumValues = (() => {
  const type = buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8')).getType('ErrorCode');
  if (!isEnumType(type)) throw new Error('schema/schema.graphql has no enum ErrorCode');
  return new Set(type.getValues().map((v) => v.name));
})();

describe('ErrorCode enum', () => {
  it('lists the code of every error class', () => {
    const classCodes = found(/readonly code = '([A-Z][A-Z_]+)'/g);
    // Hand count of the error classes with a code in src/ when this test was written; more may come.
    expect(classCodes.size).toBeGreaterThanOrEqual(45);
    const missing = [...classCodes].filter(([code]) => !enumValues.has(code));
    expect(missing, 'codes missing from src/shared/error-codes.ts (then npm run schema)').toEqual([]);
  });

  it('lists every extensions code the transports and limits answer with', () => {
    const literal = found(/code: '([A-Z][A-Z_]+)'/g);
    // Codes passed to the small response helpers (idempotency, REST routes, body limit, trusted documents).
    const passed = found(/(?:refusal|json|jsonError|coded)\([^)]*?'([A-Z][A-Z_]{3,})'/g);
    const all = new Map([...literal, ...passed]);
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'THROTTLED', 'IDEMPOTENCY_IN_PROGRESS', 'METHOD_NOT_ALLOWED']) expect(all.has(code), code).toBe(true);
    const missing = [...all].filter(([code]) => !enumValues.has(code));
    expect(missing, 'codes missing from src/shared/error-codes.ts (then npm run schema)').toEqual([]);
  });

  it('names typed-result codes and response-error codes apart', () => {
    const description = (code: string) =>
      (buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8')).getType('ErrorCode') as import('graphql').GraphQLEnumType).getValue(code)!.description;
    expect(description('INSUFFICIENT_STOCK')).toMatch(/^Typed result \(Error\.code\)/);
    expect(description('UNAUTHENTICATED')).toMatch(/^Response error \(extensions\.code\)/);
  });
});
