// The schema check's rule on two SDL versions: removing a field breaks clients,
// deprecating it (with a removal date) does not, and the removal is allowed once that date has passed.
import { describe, expect, it } from 'vitest';
import { checkSchemaCompatibility } from '../../scripts/schema-compatibility.js';

const before = /* GraphQL */ `
  type Query { order(id: ID!): Order }
  type Order { id: ID! code: String! note: String }
  enum OrderStatus { DRAFT CONFIRMED }
`;

describe('schema compatibility check', () => {
  it('fails on a removed field', async () => {
    const after = before.replace('note: String', '');
    const result = await checkSchemaCompatibility(before, after, '2026-12-05');
    expect(result.breaking.map((f) => f.path)).toEqual(['Order.note']);
  });

  it('passes when the field is deprecated with a removal date instead', async () => {
    const after = before.replace('note: String', 'note: String @deprecated(reason: "Use comment. Removal after 2027-06-01.") comment: String');
    const result = await checkSchemaCompatibility(before, after, '2026-12-05');
    expect(result.breaking).toEqual([]);
    expect(result.undatedDeprecations).toEqual([]);
  });

  it('fails on a deprecation without a removal date', async () => {
    const after = before.replace('note: String', 'note: String @deprecated(reason: "Use comment.") comment: String');
    const result = await checkSchemaCompatibility(before, after, '2026-12-05');
    expect(result.undatedDeprecations.map((f) => f.path)).toEqual(['Order.note']);
  });

  it('allows removing a deprecated field only after its removal date', async () => {
    const deprecated = before.replace('note: String', 'note: String @deprecated(reason: "Use comment. Removal after 2027-06-01.") comment: String');
    const removed = before.replace('note: String', 'comment: String');
    const early = await checkSchemaCompatibility(deprecated, removed, '2027-05-31');
    expect(early.breaking.map((f) => f.path)).toEqual(['Order.note']);
    const late = await checkSchemaCompatibility(deprecated, removed, '2027-06-01');
    expect(late.breaking).toEqual([]);
    expect(late.removedAfterDeprecation.map((f) => f.path)).toEqual(['Order.note']);
  });

  it('fails on a removed enum value and a field whose type changed', async () => {
    const after = before.replace('DRAFT CONFIRMED', 'CONFIRMED').replace('code: String!', 'code: Int!');
    const result = await checkSchemaCompatibility(before, after, '2026-12-05');
    expect(result.breaking.map((f) => f.path).sort()).toEqual(['Order.code', 'OrderStatus.DRAFT']);
  });

  it('lists an added field as safe', async () => {
    const after = before.replace('note: String', 'note: String comment: String');
    const result = await checkSchemaCompatibility(before, after, '2026-12-05');
    expect(result.breaking).toEqual([]);
    expect(result.safe.map((f) => f.path)).toEqual(['Order.comment']);
  });
});
