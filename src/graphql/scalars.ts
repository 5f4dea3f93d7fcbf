import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';
import { Decimal } from '../shared/money.js';

// Money and quantities with fractions travel as strings ("12000.00"): never floats.
builder.scalarType('Decimal', {
  description:
    'An exact decimal number, as a string such as "12500.00" (the lexical form of XML Schema\'s decimal). Money is never a float. Typed clients: map it to string.',
  specifiedByURL: 'https://www.w3.org/TR/xmlschema11-2/#decimal',
  serialize: (value) => {
    const d = value instanceof Decimal ? value : new Decimal(String(value));
    return d.toFixed(Math.max(2, d.decimalPlaces()));
  },
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a string such as "12500.00" or a number literal');
  },
});

builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO 8601 string with a time zone, e.g. "2026-01-31T10:00:00.000Z". Typed clients: map it to string.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseDateTime(ast.value);
    throw new GraphQLError('DateTime must be an ISO 8601 string');
  },
});

function parseDecimal(value: unknown): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') throw new GraphQLError('Decimal must be a string');
  const text = String(value).trim();
  if (!/^-?\d{1,16}(\.\d{1,6})?$/.test(text)) {
    throw new GraphQLError(`"${text.slice(0, 40)}" is not a decimal number such as "12500.00"`);
  }
  return new Decimal(text);
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO 8601 string');
  // Require a date; a time zone defaults to UTC when a date-only string is given.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new GraphQLError(`"${value.slice(0, 40)}" is not an ISO 8601 date-time`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`"${value.slice(0, 40)}" is not a valid date`);
  return date;
}
