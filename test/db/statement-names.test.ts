import { describe, expect, it } from 'vitest';
import { statementNamer } from '../../src/db/statement-names.js';

describe('statementNamer', () => {
  it('gives one text always the same name and different texts different names', () => {
    const name = statementNamer(10);
    const a = name({ sql: 'SELECT 1' });
    expect(a).toMatch(/^og_[A-Za-z0-9_-]{20}$/);
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(statementNamer(10)({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 2' })).not.toBe(a);
  });

  it('names only the first texts up to its limit, so a connection holds a bounded set', () => {
    const name = statementNamer(2);
    expect(name({ sql: 'SELECT 1' })).toBeDefined();
    expect(name({ sql: 'SELECT 2' })).toBeDefined();
    expect(name({ sql: 'SELECT 3' })).toBeUndefined();
    expect(name({ sql: 'SELECT 1' })).toBeDefined();
  });
});
