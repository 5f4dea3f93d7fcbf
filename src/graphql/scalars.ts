import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';
import { Decimal } from '../shared/money.js';
import { plainString } from './compiled-reads/json-text.js';
import { scalarSql } from './compiled-reads/sql-form.js';

/** to_char's pattern of Date.prototype.toISOString: UTC, milliseconds, "Z". */
const ISO_8601 = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

// Money and quantities with fractions travel as strings ("12000.00"): never floats.
builder.scalarType('Decimal', {
  description:
    'An exact decimal number, as a string such as "12500.00" (the lexical form of XML Schema\'s decimal). Money is never a float. Typed clients: map it to string.',
  specifiedByURL: 'https://www.w3.org/TR/xmlschema11-2/#decimal',
  serialize: (value) => {
    const d = value instanceof Decimal ? value : new Decimal(String(value));
    return d.toFixed(Math.max(2, d.decimalPlaces()));
  },
  // The same in SQL: all significant digits, at least two after the point (a column of scale 2 as it is).
  extensions: scalarSql((sql, dataType, scale) => {
    if (dataType !== 'numeric') return undefined;
    if (scale === 2) return plainString(`${sql}::text`);
    // A column is named twice as it is; an expression is computed once (OFFSET 0 keeps PostgreSQL
    // from pulling the inner SELECT up, which would write the expression out twice, subqueries and all).
    if (/^\w+\."\w+"$/.test(sql)) return plainString(`round(${sql}, greatest(2, min_scale(${sql})))::text`);
    return plainString(`(SELECT round(v, greatest(2, min_scale(v)))::text FROM (SELECT (${sql})::numeric AS v OFFSET 0) d)`);
  }),
  // From JSON variables only a string: a JSON number is a binary float to most clients (100.1 may already be 100.09999...).
  parseValue: (value) => {
    if (typeof value === 'number') {
      throw new GraphQLError(`Decimal must be a string such as "${Number.isFinite(value) ? String(value) : '12500.00'}", not a JSON number (numbers lose precision on the way)`);
    }
    return parseDecimal(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a string such as "12500.00" or a number literal');
  },
});

builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO 8601 string with a time zone, e.g. "2026-01-31T10:00:00.000Z". Typed clients: map it to string.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  // The same in SQL; a timestamp without zone holds UTC, as Prisma writes it.
  extensions: scalarSql((sql, dataType) => {
    if (dataType === 'timestamp with time zone') return plainString(`to_char((${sql}) AT TIME ZONE 'UTC', ${ISO_8601})`);
    if (dataType === 'timestamp without time zone') return plainString(`to_char(${sql}, ${ISO_8601})`);
    return undefined;
  }),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseDateTime(ast.value);
    throw new GraphQLError('DateTime must be an ISO 8601 string');
  },
});

// A calendar day without a time or zone (a report's first and last day, in the shop's time zone).
builder.scalarType('Date', {
  description: 'A calendar day, as "YYYY-MM-DD" (e.g. "2026-03-01"), without a time or time zone. Typed clients: map it to string.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date',
  serialize: (value) => String(value),
  parseValue: (value) => parseDay(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseDay(ast.value);
    throw new GraphQLError('Date must be a string such as "2026-03-01"');
  },
});

function parseDay(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('Date must be a string such as "2026-03-01"');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`"${value.slice(0, 40)}" is not a calendar date such as "2026-03-01"`);
  }
  return value;
}

function parseDecimal(value: unknown): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') throw new GraphQLError('Decimal must be a string');
  const text = String(value).trim();
  if (!/^-?\d{1,16}(\.\d{1,6})?$/.test(text)) {
    throw new GraphQLError(`"${text.slice(0, 40)}" is not a decimal number such as "12500.00"`);
  }
  return new Decimal(text);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO 8601 string');
  // Require a date; a time zone defaults to UTC when a date-only string is given.
  const parts = DATE_TIME.exec(value);
  if (!parts) throw new GraphQLError(`"${value.slice(0, 40)}" is not an ISO 8601 date-time`);
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1, 7).map((p) => (p === undefined ? undefined : Number(p)));
  const [offsetHours = 0, offsetMinutes = 0] = [parts[8], parts[9]].map((p) => (p === undefined ? undefined : Number(p)));
  // JavaScript rolls 30 February over into March; a calendar date that does not exist is refused instead.
  // PostgreSQL has no year 0 (ISO 8601's 1 BC): such an instant could not be compared with a column.
  if (year! < 1) throw new GraphQLError(`"${value.slice(0, 40)}" is not a valid date-time: the year must be 0001 or later`);
  const daysInMonth = month! >= 1 && month! <= 12 ? new Date(Date.UTC(year!, month!, 0)).getUTCDate() : 0;
  if (!daysInMonth || day! < 1 || day! > daysInMonth || hour! > 23 || minute! > 59 || second! > 59 || offsetHours > 23 || offsetMinutes > 59) {
    throw new GraphQLError(`"${value.slice(0, 40)}" is not a valid date-time: no such day or time`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`"${value.slice(0, 40)}" is not a valid date`);
  return date;
}
