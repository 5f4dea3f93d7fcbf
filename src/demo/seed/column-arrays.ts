// One column of generated rows as a PostgreSQL array literal, passed as text (the
// same on node-pg and PGlite) and unnested by the bulk insert.
import { moneyText } from './cents.js';
import type { IdBlock } from './id-reservation.js';
import { SeedError } from './seed-error.js';
import type { ColType, Row, TableName } from './tables.js';

function quoteElement(value: string): string {
  const plain = value.indexOf('"') < 0 && value.indexOf('\\') < 0;
  return plain ? `"${value}"` : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Reference columns hold row indexes; each must name a row that this seed
 * inserts, which is what makes the foreign key hold (see bulkLoadMode).
 */
export function arrayLiteral(type: ColType, ref: string | undefined, rows: readonly Row[], col: string, ids: Record<TableName, IdBlock>): string {
  const parts = new Array<string>(rows.length);
  const refIds = ref ? ids[ref as TableName] : undefined;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][col];
    if (v === null || v === undefined) {
      parts[i] = 'NULL';
      continue;
    }
    if (refIds && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) < refIds.size)) {
      throw new SeedError(`seed bug: reference ${String(v)} to ${ref} is outside its ${refIds.size} rows`);
    }
    switch (type) {
      case 'int':
      case 'ts': // epoch milliseconds, turned into timestamptz in SQL (cheaper than toISOString)
        parts[i] = String(refIds ? refIds.at(v as number) : (v as number));
        break;
      case 'text':
        parts[i] = quoteElement(v as string);
        break;
      case 'bool':
        parts[i] = v ? 't' : 'f';
        break;
      case 'money':
        parts[i] = moneyText(v as number);
        break;
      case 'coord':
        parts[i] = (v as number).toFixed(6);
        break;
      case 'texts':
        parts[i] = quoteElement(`{${(v as string[]).map(quoteElement).join(',')}}`);
        break;
      default:
        parts[i] = v as string; // enum labels are plain identifiers
    }
  }
  return `{${parts.join(',')}}`;
}

/** The array type a column's literal is cast to. */
export function pgArrayType(type: ColType): string {
  switch (type) {
    case 'int':
      return 'int[]';
    case 'text':
    case 'texts':
      return 'text[]';
    case 'bool':
      return 'bool[]';
    case 'money':
    case 'coord':
      return 'numeric[]';
    case 'ts':
      return 'int8[]';
    default:
      return `"${type.slice('enum:'.length)}"[]`;
  }
}
