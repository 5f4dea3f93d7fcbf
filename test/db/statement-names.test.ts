import { describe, expect, it } from 'vitest';
import { statementNamer, UNPREPARED } from '../../src/db/statement-names.js';

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

  it('leaves a statement marked UNPREPARED unnamed (planned for its values each time, never generically)', () => {
    const name = statementNamer(10);
    expect(name({ sql: `${UNPREPARED} WITH facts AS (SELECT 1) SELECT * FROM facts` })).toBeUndefined();
  });

  it('runs every sales report unnamed', async () => {
    const { salesReportSql } = await import('../../src/reports/sales-report.js');
    const name = statementNamer(10);
    for (const groupBy of ['DAY', 'CUSTOMER', 'PRODUCT'] as const) {
      expect(name({ sql: salesReportSql(1, { groupBy }, null).sql })).toBeUndefined();
    }
  });
});
