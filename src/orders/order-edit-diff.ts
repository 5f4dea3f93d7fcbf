// What an order edit changed, for the order.edited event: the scalar fields whose
// value moved (totals as decimal strings), and the lines added, changed and
// removed, each with what it was and what it is. Pure: the edit service hands in
// the order before and the values it wrote.
import type { Change, OrderEdited } from '../events/topics.js';

type Scalar = string | number | null;

/** A line as the diff compares it (money as decimal strings). */
export interface DiffLine {
  itemId: number;
  sku: string;
  quantity: number;
  unitPrice: string;
  discountAmount: string;
  lineTotal: string;
}

export interface EditDiffInput {
  fieldsBefore: Record<string, Scalar>;
  fieldsAfter: Record<string, Scalar>;
  linesBefore: readonly DiffLine[];
  /** Lines after the edit; added lines carry the id they were written with. */
  linesAfter: readonly DiffLine[];
  addedItemIds: ReadonlySet<number>;
  partiesSet: readonly string[];
  partiesRemoved: readonly string[];
  adjustmentsReplaced: boolean;
}

const LINE_FIELDS = ['quantity', 'unitPrice', 'discountAmount', 'lineTotal'] as const;

export function orderEditDiff(input: EditDiffInput): Pick<OrderEdited, 'fields' | 'lines' | 'parties' | 'adjustmentsReplaced'> {
  const fields: Record<string, Change<Scalar>> = {};
  for (const [name, to] of Object.entries(input.fieldsAfter)) {
    const from = input.fieldsBefore[name] ?? null;
    if (from !== to) fields[name] = { from, to };
  }
  const before = new Map(input.linesBefore.map((line) => [line.itemId, line]));
  const after = new Set(input.linesAfter.map((line) => line.itemId));
  const lines: OrderEdited['lines'] = { added: [], changed: [], removed: [] };
  for (const line of input.linesAfter) {
    if (input.addedItemIds.has(line.itemId)) {
      lines.added.push({ itemId: line.itemId, sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, lineTotal: line.lineTotal });
      continue;
    }
    const was = before.get(line.itemId);
    if (!was) continue;
    const changed: OrderEdited['lines']['changed'][number] = { itemId: line.itemId, sku: line.sku };
    let any = false;
    for (const key of LINE_FIELDS) {
      if (was[key] !== line[key]) {
        (changed as Record<string, unknown>)[key] = { from: was[key], to: line[key] };
        any = true;
      }
    }
    if (any) lines.changed.push(changed);
  }
  for (const line of input.linesBefore) {
    if (!after.has(line.itemId)) lines.removed.push({ itemId: line.itemId, sku: line.sku, quantity: line.quantity });
  }
  return {
    fields,
    lines,
    parties: { set: [...input.partiesSet], removed: [...input.partiesRemoved] },
    adjustmentsReplaced: input.adjustmentsReplaced,
  };
}
