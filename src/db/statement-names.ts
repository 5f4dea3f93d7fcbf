// Names for Prisma's SQL so pg prepares each statement once per connection and re-uses
// it (no Parse, no re-planning of the text). pg never evicts a connection's named
// statements, so only the first `limit` distinct texts get a name; the rest run unnamed.
// A statement that starts with UNPREPARED runs unnamed too: PostgreSQL plans a named
// statement generically after five executions, which for an analytic statement (a
// sales report over a period) can be orders of magnitude slower than a plan made for
// its values; planning it each time costs a millisecond or two.
import { createHash } from 'node:crypto';

export const UNPREPARED = '/* unprepared */';

export function statementNamer(limit: number): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    if (sql.startsWith(UNPREPARED)) return undefined;
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `og_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
      names.set(sql, name);
    }
    return name;
  };
}
