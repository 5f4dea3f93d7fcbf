import { describe, expect, it } from 'vitest';
import { CommentAddDocument, CommentDeleteDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function orderOf(t: TestTenant) {
  const { variations } = await t.product();
  return t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
}

describe('commentAdd', () => {
  it('adds a comment written by the caller, INTERNAL unless PUBLIC is asked for', async () => {
    const t = await newTenant();
    const order = await orderOf(t);
    const internal = (await query(t.key, CommentAddDocument, { input: { order: gid('Order', order.id), body: '  Titip di security\r\nlantai 2  ' } })).commentAdd;
    if (internal.__typename !== 'CommentAddPayload') throw new Error(internal.__typename);
    expect(internal.comment).toMatchObject({ author: 'key:test', body: 'Titip di security\nlantai 2', visibility: 'INTERNAL', order: { id: gid('Order', order.id) } });
    const visible = (await query(t.key, CommentAddDocument, { input: { order: gid('Order', order.id), body: 'Dikirim besok', visibility: 'PUBLIC' } })).commentAdd;
    if (visible.__typename !== 'CommentAddPayload') throw new Error(visible.__typename);
    expect(visible.comment.visibility).toBe('PUBLIC');
    expect(visible.order.comments.map((c) => c.body)).toEqual(['Titip di security\nlantai 2', 'Dikirim besok']);
  });

  it.each([
    ['an empty body', '   ', 'must not be empty'],
    ['a body over 5000 characters', 'x'.repeat(5001), 'must be at most 5000 characters'],
  ])('refuses %s and writes nothing', async (_name, body, message) => {
    const t = await newTenant();
    const order = await orderOf(t);
    const result = (await query(t.key, CommentAddDocument, { input: { order: gid('Order', order.id), body } })).commentAdd;
    expect(result.__typename === 'ValidationError' && result.problems).toEqual([{ path: ['body'], message }]);
    expect(await t.prisma.comment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("answers NotFoundError for another tenant's order", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const order = await orderOf(other);
    const result = (await query(t.key, CommentAddDocument, { input: { order: gid('Order', order.id), body: 'hello' } })).commentAdd;
    expect(result).toMatchObject({ __typename: 'NotFoundError', entity: 'Order' });
    expect(await other.prisma.comment.count({ where: { orderId: order.id } })).toBe(0);
  });
});

describe('commentDelete', () => {
  it('deletes a comment and answers NotFoundError the second time', async () => {
    const t = await newTenant();
    const order = await orderOf(t);
    const added = (await query(t.key, CommentAddDocument, { input: { order: gid('Order', order.id), body: 'salah order' } })).commentAdd;
    if (added.__typename !== 'CommentAddPayload') throw new Error(added.__typename);
    const deleted = (await query(t.key, CommentDeleteDocument, { input: { comment: added.comment.id } })).commentDelete;
    expect(deleted).toMatchObject({ __typename: 'CommentDeletePayload', deletedCommentId: added.comment.id, order: { comments: [] } });
    const again = (await query(t.key, CommentDeleteDocument, { input: { comment: added.comment.id } })).commentDelete;
    expect(again).toMatchObject({ __typename: 'NotFoundError', entity: 'Comment' });
  });

  it("cannot delete another tenant's comment", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const order = await orderOf(other);
    const comment = await other.prisma.comment.create({ data: { tenantId: other.id, orderId: order.id, author: 'them', body: 'theirs' } });
    const result = (await query(t.key, CommentDeleteDocument, { input: { comment: gid('Comment', comment.id) } })).commentDelete;
    expect(result).toMatchObject({ __typename: 'NotFoundError', entity: 'Comment' });
    expect(await other.prisma.comment.count({ where: { id: comment.id } })).toBe(1);
  });
});
