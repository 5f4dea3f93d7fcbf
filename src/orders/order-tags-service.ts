// orderTagsUpdate: adds and removes tags of an order in any status (labels are not
// part of the order's content, so even a shipped or cancelled order takes them),
// bumps the version, writes a 'tags' event saying what changed and publishes it as an edit.
import { transaction } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { VersionConflictError } from './errors.js';
import { appendOrderEvent, type OrderChanges } from './order-event-log.js';
import type { OrderWriteDeps } from './order-create-service.js';
import { applyTagChange, checkTagCount, checkTags, TAG_MAX, TAGS_MAX } from './order-tags.js';

export interface OrderTagsUpdateData {
  orderId: number;
  add?: readonly string[] | null;
  remove?: readonly string[] | null;
  expectedVersion?: number | null;
}

export async function updateOrderTags(deps: OrderWriteDeps, data: OrderTagsUpdateData): Promise<{ orderId: number }> {
  const { tenantId } = deps;
  const problems = new Problems();
  const add = checkTags(problems, ['add'], data.add);
  checkTagCount(problems, ['add'], add);
  problems.check((data.remove ?? []).length <= TAGS_MAX, ['remove'], `takes at most ${TAGS_MAX} tags`);
  const remove = (data.remove ?? []).flatMap((tag, index) => checkText(problems, ['remove', index], tag, { required: true, max: TAG_MAX }) ?? []);
  problems.throwIfAny();

  return transaction(deps, async (scope) => {
    const order = await scope.tx.order.findFirst({ where: { id: data.orderId, tenantId }, select: { id: true, status: true, version: true, tags: true } });
    if (!order) throw new NotFoundError('Order', String(data.orderId));
    if (data.expectedVersion != null && data.expectedVersion !== order.version) throw new VersionConflictError(order.id, data.expectedVersion, order.version);
    const next = applyTagChange(order.tags, add, remove);
    const tooMany = new Problems();
    checkTagCount(tooMany, ['add'], next);
    tooMany.throwIfAny();
    const key = (tags: readonly string[]) => tags.map((tag) => tag.toLowerCase());
    const added = next.filter((tag) => !key(order.tags).includes(tag.toLowerCase()));
    const removed = order.tags.filter((tag) => !key(next).includes(tag.toLowerCase()));
    // Nothing to change: no write, no version bump, no event.
    if (!added.length && !removed.length) return { orderId: order.id };
    const updated = await scope.tx.order.updateMany({ where: { id: order.id, version: order.version }, data: { tags: next, version: { increment: 1 } } });
    if (updated.count !== 1) {
      const now = await scope.tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { version: true } });
      throw new VersionConflictError(order.id, data.expectedVersion ?? order.version, now.version);
    }
    // Subscribers, webhooks and the history see it as an edit of one field (the lists as JSON text).
    const changes: OrderChanges = {
      fields: { tags: { from: JSON.stringify(order.tags), to: JSON.stringify(next) } },
      lines: { added: [], changed: [], removed: [] },
      parties: { set: [], removed: [] },
      adjustmentsReplaced: false,
    };
    await appendOrderEvent(scope, {
      tenantId,
      orderId: order.id,
      type: 'tags',
      changes,
      fromStatus: order.status,
      toStatus: order.status,
      actor: deps.viewer.actor,
      note: [added.length ? `added: ${added.join(', ')}` : '', removed.length ? `removed: ${removed.join(', ')}` : ''].filter(Boolean).join('; '),
      requestId: deps.requestId ?? null,
    });
    scope.publish('orderEdited', {
      tenantId,
      orderId: order.id,
      version: order.version + 1,
      ...changes,
      actor: deps.viewer.actor,
      at: new Date().toISOString(),
    });
    return { orderId: order.id };
  });
}
