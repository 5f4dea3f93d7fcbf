// The generated rows of one tenant, per table, before they are written. A row
// refers to another by its index in that table's list; ids come at insert time.
import { SeedError } from './seed-error.js';
import { TABLE_NAMES, TABLES, type Row, type TableName } from './tables.js';

export class TenantRows {
  readonly byTable = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as Row[]])) as Record<TableName, Row[]>;

  /** Appends a row and returns its index, which other rows use to refer to it. */
  add(table: TableName, row: Row): number {
    const rows = this.byTable[table];
    rows.push(row);
    return rows.length - 1;
  }

  count(table: TableName): number {
    return this.byTable[table].length;
  }

  /** Catches a misspelt column in generated rows, which would otherwise insert NULL silently. */
  assertKnownColumns(): void {
    for (const table of TABLE_NAMES) {
      const known = new Set<string>(TABLES[table].map((c) => c[0]));
      for (const row of this.byTable[table].slice(0, 200)) {
        for (const key of Object.keys(row)) {
          if (!known.has(key)) throw new SeedError(`seed bug: ${table} has no column "${key}"`);
        }
      }
    }
  }
}
