// The GraphQL examples in the README are valid against the schema they document.
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README examples', () => {
  it('has GraphQL examples', () => expect(examples.length).toBeGreaterThan(1));
  it.each(examples.map((e, i) => [i + 1, e] as const))('example %i validates against the schema', (_i, example) => {
    expect(validate(buildSchema(), parse(example)).map((e) => e.message)).toEqual([]);
  });
});
