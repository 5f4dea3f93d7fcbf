// Model-based test of an order's whole life: a seeded random walk of client
// operations (create, confirm, process, pack, ship, complete, cancel, payments,
// refunds, partial and full returns of shipped sales (restocked into a warehouse
// or not, sometimes more than is left: refused), stock adjust / move / set,
// transfers between the two warehouses shipped and received (sometimes short),
// cancellation requests (asked, approved, rejected; packing and shipping held
// while one is open), payments retried with the same Idempotency-Key (the retry
// answers the first response and records nothing), orders sent back to pending
// (reserved stock released), order edits (a line's quantity changed, a line added or
// removed, with or without backorder; allowed while PENDING or CONFIRMED, grown lines
// only with the stock there), cancellation requests that pass their deadline (the
// test moves the deadline into the past, as the clock would; the request expires
// when the queue is read or its order is packed, shipped or asked about again, and
// the order is cancelled), and transitions that must be refused), with
// bursts of concurrent clients, checked after every step against an independent
// model written here: on hand, reserved and in transit per warehouse, the ledger,
// open allocations, amounts due and paid, the payment status, the order history,
// units returned per line, the return status and the status counts (the counter
// against a GROUP BY, the API's counts against the model). Money follows the shop's rules
// written here: an order sells its total less the returned units at their price,
// nothing once cancelled or fully returned; a payment must fit in what is owed.
//
// Same-row races: some bursts send two operations on the SAME order at once (a
// payment and a cancel, two returns, an edit and a process, a request and a pack,
// ...). The model predicts both orders of execution (the second op judged on the
// model after the first); the answers must be one of them, and the model then follows
// the one that happened. The invariants are checked after every burst as after every step.
//
// MODEL_RUNS x MODEL_STEPS bound the budget (default 8 x 100, about 2,000
// operations: CI runs it on both databases; MODEL_BURST_EVERY and MODEL_BURST_SIZE
// shape the bursts); MODEL_SEED replays a run: a failure names the seed and the step.
// The test prints the operations it ran, the races and the expiries.
import { describe, expect, it } from 'vitest';
import { execute, post } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { gid } from '../inventory/stock-fixtures.js';
import { mulberry32 } from '../../src/demo/seed/random.js';

const RUNS = Number(process.env.MODEL_RUNS ?? 8);
const STEPS = Number(process.env.MODEL_STEPS ?? 100);
/** Every this many steps, a burst of this many operations sent at once (a race adds one); the invariants are checked after each step. */
const BURST_EVERY = Number(process.env.MODEL_BURST_EVERY ?? 3);
const BURST_SIZE = Number(process.env.MODEL_BURST_SIZE ?? 6);
/** Share of bursts that start with two operations on the same order. */
const RACE_SHARE = 0.6;
/** Units of each variation in each warehouse before the walk starts. */
const INITIAL_STOCK = 12;
const FIRST_SEED = Number(process.env.MODEL_SEED ?? Date.now() % 1_000_000);

// ---------------------------------------------------------------- randomness


type Random = ReturnType<typeof randomOf>;
function randomOf(seed: number) {
  const next = mulberry32(seed);
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

// ---------------------------------------------------------------- the model

const PRICES = [10_000, 25_000, 7_500]; // whole rupiah: every figure stays exact
/** Cost prices: what a transfer is valued at. */
const COSTS = [6_000, 15_000, 4_000];
const WAREHOUSES = 2;
type Status = 'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'PACKED' | 'SHIPPED' | 'COMPLETED' | 'CANCELLED' | 'RETURNED';

interface ModelOrder {
  id: number;
  status: Status;
  /** A transfer moves own stock from one warehouse to the other: no buyer, no payments, received instead of completed. */
  transfer?: { from: number; to: number };
  lines: Array<{ v: number; quantity: number }>;
  total: number;
  received: number;
  refunded: number;
  /** Units of each line that came back. */
  returned: number[];
  /** Units reserved per "v/w", as the system chose them at process (checked to be valid). */
  allocations: Map<string, number>;
  /** Statuses in the order of their events. */
  history: Status[];
  /** A cancellation request is open (asked, not decided yet). */
  openRequest: boolean;
  /** The open request is past its deadline (the next queue read, pack, ship or request command expires it). */
  overdue: boolean;
}

class Model {
  onHand: number[][] = PRICES.map(() => Array.from({ length: WAREHOUSES }, () => 0));
  reserved: number[][] = PRICES.map(() => Array.from({ length: WAREHOUSES }, () => 0));
  /** Units shipped by a transfer and not yet received, at the destination warehouse. */
  inTransit: number[][] = PRICES.map(() => Array.from({ length: WAREHOUSES }, () => 0));
  orders: ModelOrder[] = [];

  available(v: number, w: number) {
    return this.onHand[v]![w]! - this.reserved[v]![w]!;
  }
  /** Every unit of every line came back. */
  fullyReturned(o: ModelOrder) {
    return o.lines.every((line, i) => o.returned[i]! >= line.quantity);
  }
  returnStatus(o: ModelOrder) {
    if (o.returned.every((n) => n === 0)) return 'NONE';
    return this.fullyReturned(o) ? 'FULL' : 'PARTIAL';
  }
  /** What the buyer pays for: nothing once cancelled or fully returned, else the total less the returned units at their price. */
  net(o: ModelOrder) {
    if (o.status === 'CANCELLED' || this.fullyReturned(o)) return 0;
    return o.total - o.lines.reduce((s, line, i) => s + PRICES[line.v]! * o.returned[i]!, 0);
  }
  due(o: ModelOrder) {
    if (o.transfer) return 0;
    return Math.max(this.net(o) - (o.received - o.refunded), 0);
  }
  /** The payment status the shop's rules give (written here, not read from the code). */
  paymentStatus(o: ModelOrder) {
    if (o.transfer) return 'NOT_APPLICABLE';
    const kept = o.received - o.refunded;
    if (o.refunded > 0 && kept <= 0) return 'REFUNDED';
    if (o.received === 0 && o.total > 0) return 'UNPAID';
    if (kept >= this.net(o)) return 'PAID';
    return 'PARTIALLY_PAID';
  }
  need(o: ModelOrder) {
    const need = PRICES.map(() => 0);
    for (const line of o.lines) need[line.v]! += line.quantity;
    return need;
  }
  /** Process succeeds when every variation's units are available over the warehouses together (a transfer's at its origin). */
  canProcess(o: ModelOrder) {
    if (o.transfer) return this.need(o).every((n, v) => n <= this.available(v, o.transfer!.from));
    return this.need(o).every((n, v) => n <= this.onHand[v]!.reduce((s, _, w) => s + this.available(v, w), 0));
  }
  release(o: ModelOrder) {
    for (const [key, quantity] of o.allocations) {
      const [v, w] = key.split('/').map(Number) as [number, number];
      this.reserved[v]![w]! -= quantity;
    }
    o.allocations.clear();
  }
  ship(o: ModelOrder) {
    for (const [key, quantity] of o.allocations) {
      const [v, w] = key.split('/').map(Number) as [number, number];
      this.reserved[v]![w]! -= quantity;
      this.onHand[v]![w]! -= quantity;
      if (o.transfer) this.inTransit[v]![o.transfer.to]! += quantity;
    }
    o.allocations.clear();
  }
  /** The open request expired: the cancellation is granted (the order is cancelled, its stock released). */
  expire(o: ModelOrder) {
    this.release(o);
    o.openRequest = false;
    o.overdue = false;
    o.status = 'CANCELLED';
    o.history.push('CANCELLED');
  }
  clone(): Model {
    const copy = new Model();
    copy.onHand = this.onHand.map((row) => [...row]);
    copy.reserved = this.reserved.map((row) => [...row]);
    copy.inTransit = this.inTransit.map((row) => [...row]);
    copy.orders = this.orders.map((o) => structuredClone(o));
    return copy;
  }
  /** A transfer's destination received `received` of each line's shipped units; the rest is a recorded shortfall. */
  receive(o: ModelOrder, received: number[]) {
    o.lines.forEach((line, i) => {
      this.inTransit[line.v]![o.transfer!.to]! -= line.quantity;
      this.onHand[line.v]![o.transfer!.to]! += received[i]!;
    });
  }
}

/** Where an order can still be cancelled (and a cancellation asked for). */
const CANCELLABLE: Status[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED'];

const TRANSITIONS: Record<string, { mutation: string; from: Status[]; to: Status; extra?: string }> = {
  confirm: { mutation: 'orderConfirm', from: ['PENDING'], to: 'CONFIRMED' },
  process: { mutation: 'orderProcess', from: ['CONFIRMED'], to: 'PROCESSING' },
  pack: { mutation: 'orderPack', from: ['PROCESSING'], to: 'PACKED' },
  ship: { mutation: 'orderShip', from: ['PROCESSING', 'PACKED'], to: 'SHIPPED' },
  complete: { mutation: 'orderComplete', from: ['SHIPPED'], to: 'COMPLETED' },
  /** Transfers only: the destination received the goods. */
  validate: { mutation: 'orderValidate', from: ['SHIPPED'], to: 'COMPLETED' },
  cancel: { mutation: 'orderCancel', from: ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED'], to: 'CANCELLED', extra: 'reason: OTHER' },
  /** Back to pending with a reason; what was reserved is released. */
  setPending: { mutation: 'orderSetPending', from: ['CONFIRMED', 'PROCESSING'], to: 'PENDING', extra: 'reason: "model"' },
};
/** Where an order's lines may be edited. */
const EDITABLE: Status[] = ['PENDING', 'CONFIRMED'];

// ---------------------------------------------------------------- the world under test

interface World {
  t: TestTenant;
  /** One key per concurrent client. */
  keys: string[];
  V: number[];
  W: number[];
  customer: number;
}

async function world(): Promise<World> {
  const t = await newTenant();
  const warehouses = [await t.warehouse(), await t.warehouse()];
  const { variations } = await t.product({ variations: PRICES.map((p) => ({ price: String(p) })) });
  for (const [i, v] of variations.entries()) await t.prisma.variation.update({ where: { id: v.id }, data: { costPrice: String(COSTS[i]) } });
  const customer = await t.customer();
  const keys = [t.key, await t.apiKey('ADMIN'), await t.apiKey('ADMIN'), await t.apiKey('OWNER')];
  return { t, keys, V: variations.map((v) => v.id), W: warehouses.map((w) => w.id), customer: customer.id };
}

type Outcome = { ok: boolean; typename: string; data: Record<string, unknown> | undefined; errors?: unknown };

async function send(key: string, field: string, document: string): Promise<Outcome> {
  const response = await execute<Record<string, Record<string, unknown>>, never>(key, document);
  const data = response.data?.[field];
  return { ok: !response.errors && !!data && !String(data.__typename).endsWith('Error'), typename: String(data?.__typename ?? 'errors'), data, errors: response.errors };
}

// ---------------------------------------------------------------- operations

type Op =
  | { kind: 'create'; lines: Array<{ v: number; quantity: number }> }
  | { kind: 'transfer'; from: number; to: number; lines: Array<{ v: number; quantity: number }> }
  | { kind: 'transition'; name: keyof typeof TRANSITIONS; order: number; short?: boolean }
  /** `amount` is fixed from the model when the op is made (see resolve), so a race judges it as sent. */
  | { kind: 'pay'; order: number; share: 'all' | 'half' | 'over'; amount?: number }
  /** A payment sent twice with one Idempotency-Key, as a client retrying after a lost answer. */
  | { kind: 'payRetry'; order: number; share: 'all' | 'half' | 'over'; key: string; amount?: number }
  /** Lines changed: one line's new quantity, a variation added, or a line removed (by index); backorder accepts missing stock. */
  | { kind: 'edit'; order: number; update?: { index: number; quantity: number }; add?: { v: number; quantity: number }; remove?: number; backorder: boolean }
  /** The open cancellation request's deadline goes by (the test moves it into the past). */
  | { kind: 'lapse'; order: number }
  /** A client reads the cancellation request queue: every overdue request expires first. */
  | { kind: 'queue' }
  /** A cancellation asked for (the order keeps its status). */
  | { kind: 'request'; order: number }
  /** The open cancellation request decided: approved (the order is cancelled) or rejected. */
  | { kind: 'decide'; order: number; approve: boolean }
  | { kind: 'refund'; order: number; share: 'all' | 'half' | 'over'; amount?: number }
  /** Units per line index (0 = not in the return; none at all = everything left), into warehouse `w` or not restocked; `over` asks one more than is left on the first line. `taken`: the units it names, fixed when made (none for `all`). */
  | { kind: 'return'; order: number; units: number[]; w: number; restock: boolean; over: boolean; all: boolean; taken?: number[] }
  | { kind: 'adjust'; v: number; w: number; quantity: number }
  | { kind: 'move'; v: number; from: number; to: number; quantity: number }
  | { kind: 'set'; v: number; w: number; quantity: number; stale: boolean };

function randomOp(r: Random, model: Model): Op {
  const orders = model.orders;
  if (orders.length && r.chance(0.12)) {
    const open = orders.map((o, i) => [o, i] as const).filter(([o]) => o.openRequest && !o.overdue);
    if (open.length && r.chance(0.35)) return { kind: 'lapse', order: r.pick(open)[1] };
    if (orders.some((o) => o.overdue) && r.chance(0.25)) return { kind: 'queue' };
    const sales = orders.map((o, i) => [o, i] as const).filter(([o]) => !o.transfer);
    if (sales.length) return randomEdit(r, model, r.chance(0.85) && sales.some(([o]) => EDITABLE.includes(o.status)) ? r.pick(sales.filter(([o]) => EDITABLE.includes(o.status)))[1] : r.pick(sales)[1]);
  }
  const roll = r.int(0, 99);
  if (roll < 14 || orders.length === 0) {
    const lines = Array.from({ length: r.int(1, 2) }, () => ({ v: r.int(0, PRICES.length - 1), quantity: r.int(1, 4) }));
    return { kind: 'create', lines };
  }
  if (roll < 19) {
    // One line per variation: a transfer's lines are received one by one.
    const from = r.int(0, WAREHOUSES - 1);
    const lines = [...new Set([r.int(0, PRICES.length - 1), r.int(0, PRICES.length - 1)])].map((v) => ({ v, quantity: r.int(1, 3) }));
    return { kind: 'transfer', from, to: 1 - from, lines };
  }
  const order = r.int(0, orders.length - 1);
  if (roll < 60) {
    // Mostly a transition the order can take, sometimes any (which must be refused when it cannot).
    const o = orders[order]!;
    const possible = Object.keys(TRANSITIONS).filter((n) => TRANSITIONS[n]!.from.includes(o.status) && allowsKind(n, o) && ((n !== 'cancel' && n !== 'setPending') || r.chance(0.25)));
    const name = possible.length && r.chance(0.85) ? r.pick(possible) : r.pick(Object.keys(TRANSITIONS));
    return { kind: 'transition', name: name as keyof typeof TRANSITIONS, order, short: r.chance(0.3) };
  }
  if (roll < 63) {
    // Mostly about an order that has a request open, so decisions happen.
    const open = orders.map((o, i) => [o, i] as const).filter(([o]) => o.openRequest);
    if (open.length && r.chance(0.6)) return { kind: 'decide', order: r.pick(open)[1], approve: r.chance(0.5) };
    return r.chance(0.8) ? { kind: 'request', order } : { kind: 'decide', order, approve: r.chance(0.5) };
  }
  if (roll < 66) return { kind: 'payRetry', order, share: r.pick(['all', 'half', 'over'] as const), key: `retry-${r.int(0, 1e9)}` };
  if (roll < 72) return { kind: 'pay', order, share: r.pick(['all', 'half', 'half', 'over'] as const) };
  if (roll < 78) return { kind: 'refund', order, share: r.pick(['all', 'half', 'over'] as const) };
  if (roll < 84) {
    // A return of some units of some lines, mostly of a shipped sale.
    const shipped = orders.map((o, i) => [o, i] as const).filter(([o]) => !o.transfer && (o.status === 'SHIPPED' || o.status === 'COMPLETED'));
    const [o, index] = shipped.length && r.chance(0.9) ? r.pick(shipped) : [orders[order]!, order];
    const units = o.lines.map((line, i) => (r.chance(0.6) ? r.int(0, Math.max(line.quantity - o.returned[i]!, 0)) : 0));
    return { kind: 'return', order: index, units, w: r.int(0, WAREHOUSES - 1), restock: r.chance(0.7), over: r.chance(0.15), all: r.chance(0.15) };
  }
  const v = r.int(0, PRICES.length - 1);
  if (roll < 90) return { kind: 'adjust', v, w: r.int(0, WAREHOUSES - 1), quantity: r.pick([-3, -1, 2, 5, 8]) };
  if (roll < 96) return { kind: 'move', v, from: 0, to: 1, quantity: r.int(1, 4), ...(r.chance(0.5) ? { from: 1, to: 0 } : {}) };
  return { kind: 'set', v, w: r.int(0, WAREHOUSES - 1), quantity: r.int(0, 12), stale: r.chance(0.2) };
}

/** An edit of a sale's lines: mostly a quantity changed, else a variation added or a line removed (sometimes the last one: refused). */
function randomEdit(r: Random, model: Model, order: number): Op {
  const o = model.orders[order]!;
  const backorder = r.chance(0.2);
  const roll = r.int(0, 9);
  const absent = PRICES.map((_, v) => v).filter((v) => !o.lines.some((line) => line.v === v));
  if (roll < 2 && absent.length) return { kind: 'edit', order, add: { v: r.pick(absent), quantity: r.int(1, 3) }, backorder };
  if (roll < 4 && (o.lines.length > 1 || r.chance(0.2))) return { kind: 'edit', order, remove: r.int(0, o.lines.length - 1), backorder };
  return { kind: 'edit', order, update: { index: r.int(0, o.lines.length - 1), quantity: r.int(1, 6) }, backorder };
}

/** The lines an edit leaves (the model's, never the system's). */
function editedLines(o: ModelOrder, op: Extract<Op, { kind: 'edit' }>) {
  const lines = o.lines.map((line) => ({ ...line }));
  if (op.update) lines[op.update.index] = { v: lines[op.update.index]!.v, quantity: op.update.quantity };
  if (op.add) lines.push({ ...op.add });
  if (op.remove != null) lines.splice(op.remove, 1);
  return lines;
}

/** Fixes what an op sends from the model as it is when the op is made: amounts, and the units a return names. */
function resolve(model: Model, op: Op): Op {
  if (op.kind === 'pay' || op.kind === 'payRetry' || op.kind === 'refund') return { ...op, amount: amountFor(model, model.orders[op.order]!, op) };
  // A return of everything left sends no lines: what it takes is what is left when it runs.
  if (op.kind === 'return' && !op.all) return { ...op, taken: returnUnits(model.orders[op.order]!, op) };
  return op;
}

/**
 * An overdue request is expired before some operations on its order decide anything: a
 * request command, and packing or shipping (held while it is open) when the order is
 * where they leave from. The model expires it first; the op is then judged on what follows.
 */
function expiresFirst(model: Model, op: Op): ModelOrder | undefined {
  if (!('order' in op) || op.kind === 'lapse') return undefined;
  const o = model.orders[op.order]!;
  if (!o.overdue) return undefined;
  if (op.kind === 'request' || op.kind === 'decide') return o;
  if (op.kind === 'transition' && (op.name === 'pack' || op.name === 'ship') && TRANSITIONS[op.name]!.from.includes(o.status)) return o;
  return undefined;
}

/** One op on a given order, of the kinds a race pairs (transitions, payments, refunds, cancellation requests, returns, edits). */
function opOn(r: Random, model: Model, order: number): Op {
  const o = model.orders[order]!;
  const roll = r.int(0, 9);
  if (roll < 4) {
    const possible = Object.keys(TRANSITIONS).filter((n) => TRANSITIONS[n]!.from.includes(o.status) && allowsKind(n, o));
    const name = possible.length && r.chance(0.9) ? r.pick(possible) : r.pick(Object.keys(TRANSITIONS));
    return { kind: 'transition', name: name as keyof typeof TRANSITIONS, order };
  }
  if (roll === 4) return { kind: 'pay', order, share: r.pick(['all', 'half'] as const) };
  if (roll === 5) return { kind: 'refund', order, share: r.pick(['all', 'half'] as const) };
  if (roll === 6) return o.openRequest ? { kind: 'decide', order, approve: r.chance(0.5) } : { kind: 'request', order };
  if (roll === 7 && !o.transfer && (o.status === 'SHIPPED' || o.status === 'COMPLETED')) {
    const units = o.lines.map((line, i) => r.int(0, Math.max(line.quantity - o.returned[i]!, 0)));
    return { kind: 'return', order, units, w: r.int(0, WAREHOUSES - 1), restock: r.chance(0.7), over: false, all: r.chance(0.3) };
  }
  if (!o.transfer) return randomEdit(r, model, order);
  return { kind: 'transition', name: 'cancel', order };
}

/**
 * Two ops on one order sent at once. Left out: two edits (each checks the version it read), and
 * process beside an op that releases what it reserves (the model reads process's allocations
 * back after the burst, which such an op would have dropped).
 */
function racePair(r: Random, model: Model): [Op & { order: number }, Op & { order: number }] | undefined {
  const candidates = model.orders.map((o, i) => [o, i] as const).filter(([o]) => !o.overdue && o.status !== 'CANCELLED' && o.status !== 'RETURNED');
  if (!candidates.length) return undefined;
  const order = r.pick(candidates)[1];
  for (let tries = 0; tries < 10; tries++) {
    const a = resolve(model, opOn(r, model, order)) as Op & { order: number };
    const b = resolve(model, opOn(r, model, order)) as Op & { order: number };
    if (a.kind === 'edit' && b.kind === 'edit') continue;
    const releases = (op: Op) => (op.kind === 'transition' && (op.name === 'cancel' || op.name === 'setPending')) || (op.kind === 'decide' && op.approve);
    const processes = (op: Op) => op.kind === 'transition' && op.name === 'process';
    if ((processes(a) && releases(b)) || (processes(b) && releases(a))) continue;
    return [a, b];
  }
  return undefined;
}

/** The model after `op` succeeded, on a copy: for judging the op that follows it in a race (process: its status only). */
function simulate(model: Model, op: Op): Model {
  const copy = model.clone();
  if (op.kind === 'transition' && op.name === 'process') {
    const o = copy.orders[op.order]!;
    o.status = 'PROCESSING';
    o.history.push('PROCESSING');
  } else {
    applyModel(copy, op);
  }
  return copy;
}

/** Transfers are received (validate), never completed; sales are completed, never received. */
function allowsKind(name: string, o: ModelOrder) {
  if (name === 'validate') return !!o.transfer;
  if (name === 'complete') return !o.transfer;
  return true;
}

function amountFor(model: Model, o: ModelOrder, op: { kind: 'pay' | 'payRetry' | 'refund'; share: 'all' | 'half' | 'over' }) {
  const base = op.kind === 'refund' ? o.received - o.refunded : model.due(o);
  if (op.share === 'over') return base + 1;
  return op.share === 'all' ? base : Math.floor(base / 2);
}

/**
 * What the shop must answer, from the model alone; `undefined` where the answer
 * depends on the system's choice and is read back (allocations at process).
 */
function predict(model: Model, op: Op): boolean {
  switch (op.kind) {
    case 'create':
    case 'transfer': {
      // Own stock must be there when the order is taken: over both warehouses for a sale, at the origin for a transfer.
      const wanted = PRICES.map(() => 0);
      for (const line of op.lines) wanted[line.v]! += line.quantity;
      return wanted.every((n, v) => n <= (op.kind === 'transfer' ? model.available(v, op.from) : model.available(v, 0) + model.available(v, 1)));
    }
    case 'transition': {
      const o = model.orders[op.order]!;
      const rule = TRANSITIONS[op.name]!;
      if (!rule.from.includes(o.status) || !allowsKind(op.name, o)) return false;
      // Packing and shipping wait while a cancellation request is open.
      if ((op.name === 'pack' || op.name === 'ship') && o.openRequest) return false;
      return op.name === 'process' ? model.canProcess(o) : true;
    }
    case 'request': {
      const o = model.orders[op.order]!;
      return CANCELLABLE.includes(o.status) && !o.openRequest;
    }
    case 'decide': {
      const o = model.orders[op.order]!;
      return o.openRequest && CANCELLABLE.includes(o.status);
    }
    case 'payRetry':
    case 'pay': {
      const o = model.orders[op.order]!;
      const amount = op.amount!;
      // A cancelled or fully returned order takes no payments, nor one that owes nothing; a transfer owes nothing.
      return !o.transfer && o.status !== 'CANCELLED' && !model.fullyReturned(o) && amount > 0 && amount <= model.due(o);
    }
    case 'refund': {
      const o = model.orders[op.order]!;
      const amount = op.amount!;
      return amount > 0 && amount <= o.received - o.refunded;
    }
    case 'return': {
      const o = model.orders[op.order]!;
      if (o.transfer || (o.status !== 'SHIPPED' && o.status !== 'COMPLETED')) return false;
      const units = op.taken ?? returnUnits(o, op);
      // Something to return, and never more than shipped and not back yet.
      return units.some((n) => n > 0) && units.every((n, i) => n <= o.lines[i]!.quantity - o.returned[i]!);
    }
    case 'edit': {
      const o = model.orders[op.order]!;
      if (o.transfer || !EDITABLE.includes(o.status)) return false;
      const lines = editedLines(o, op);
      // An order keeps at least one line.
      if (!lines.length) return false;
      if (op.backorder) return true;
      // A variation the edit raises (or adds) must be available for the order's whole quantity of it, as at create.
      const before = PRICES.map(() => 0);
      const after = PRICES.map(() => 0);
      for (const line of o.lines) before[line.v]! += line.quantity;
      for (const line of lines) after[line.v]! += line.quantity;
      return after.every((n, v) => n <= before[v]! || n <= model.available(v, 0) + model.available(v, 1));
    }
    case 'lapse':
    case 'queue':
      return true;
    case 'adjust':
      return model.onHand[op.v]![op.w]! + op.quantity >= model.reserved[op.v]![op.w]!;
    case 'move':
      return model.available(op.v, op.from) >= op.quantity;
    case 'set':
      return !op.stale && op.quantity >= model.reserved[op.v]![op.w]!;
  }
}

/** The units a return op takes back per line: `all` is everything left; `over` adds one on the first line. */
function returnUnits(o: ModelOrder, op: Extract<Op, { kind: 'return' }>) {
  const units = op.all ? o.lines.map((line, i) => line.quantity - o.returned[i]!) : [...op.units];
  if (op.over && !op.all) units[0] = o.lines[0]!.quantity - o.returned[0]! + 1;
  return units;
}

async function run(w: World, model: Model, op: Op, key: string): Promise<{ op: Op; outcome: Outcome; amount?: number; expected?: number }> {
  const V = (v: number) => gid('Variation', w.V[v]!);
  const Wh = (i: number) => gid('Warehouse', w.W[i]!);
  switch (op.kind) {
    case 'create': {
      const items = op.lines.map((l) => `{ variation: "${V(l.v)}", quantity: ${l.quantity} }`).join(', ');
      const outcome = await send(
        key,
        'orderCreate',
        `mutation { orderCreate(input: { customer: "${gid('Customer', w.customer)}", items: [${items}] }) { __typename ... on OrderCreatePayload { order { id status } } ... on Error { code message } } }`,
      );
      return { op, outcome };
    }
    case 'transfer': {
      const items = op.lines.map((l) => `{ variation: "${V(l.v)}", quantity: ${l.quantity} }`).join(', ');
      const outcome = await send(
        key,
        'orderCreate',
        `mutation { orderCreate(input: { kind: RELOCATION, originWarehouse: "${Wh(op.from)}", destinationWarehouse: "${Wh(op.to)}", items: [${items}] }) { __typename ... on OrderCreatePayload { order { id status } } ... on Error { code message } } }`,
      );
      return { op, outcome };
    }
    case 'transition': {
      const o = model.orders[op.order]!;
      const rule = TRANSITIONS[op.name]!;
      let extra = rule.extra ? `, ${rule.extra}` : '';
      if (op.name === 'validate' && op.short && o.transfer && o.status === 'SHIPPED') {
        // One unit short on the first line: recorded as a shortfall, not left in transit.
        const items = await w.t.prisma.orderItem.findMany({ where: { orderId: o.id } });
        const itemOf = (v: number) => items.find((item) => item.variationId === w.V[v])!.id;
        const lines = o.lines.map((l, i) => `{ item: "${gid('OrderItem', itemOf(l.v))}", quantity: ${i === 0 ? l.quantity - 1 : l.quantity} }`);
        extra = `, lines: [${lines.join(', ')}]`;
      }
      const outcome = await send(key, rule.mutation, `mutation { ${rule.mutation}(input: { order: "${gid('Order', o.id)}"${extra} }) { __typename ... on Error { code message } } }`);
      return { op, outcome };
    }
    case 'payRetry': {
      const o = model.orders[op.order]!;
      const amount = op.amount!;
      const query = `mutation { paymentRecord(input: { order: "${gid('Order', o.id)}", amount: "${amount}", method: BANK_TRANSFER }) { __typename ... on PaymentRecordPayload { payment { id } } ... on Error { code message } } }`;
      const once = async () => (await post({ query }, { authorization: `Bearer ${key}`, 'idempotency-key': op.key })).json() as Promise<{ data?: Record<string, Record<string, unknown>>; errors?: unknown; extensions?: { replayed?: boolean } }>;
      const first = await once();
      const again = await once();
      // The retry is the first answer again, marked replayed, whatever it was.
      expect({ data: again.data, errors: again.errors, replayed: again.extensions?.replayed }, `retry of ${op.key}`).toEqual({ data: first.data, errors: first.errors, replayed: true });
      const data = first.data?.paymentRecord;
      const outcome = { ok: !first.errors && !!data && !String(data.__typename).endsWith('Error'), typename: String(data?.__typename ?? 'errors'), data, errors: first.errors };
      return { op, outcome, amount };
    }
    case 'request':
      return {
        op,
        outcome: await send(key, 'orderCancellationRequest', `mutation { orderCancellationRequest(input: { order: "${gid('Order', model.orders[op.order]!.id)}", reason: OTHER }) { __typename ... on Error { code message } } }`),
      };
    case 'decide': {
      const mutation = op.approve ? 'orderCancellationApprove' : 'orderCancellationReject';
      return { op, outcome: await send(key, mutation, `mutation { ${mutation}(input: { order: "${gid('Order', model.orders[op.order]!.id)}" }) { __typename ... on Error { code message } } }`) };
    }
    case 'pay':
    case 'refund': {
      const o = model.orders[op.order]!;
      const amount = op.amount!;
      const outcome =
        op.kind === 'pay'
          ? await send(key, 'paymentRecord', `mutation { paymentRecord(input: { order: "${gid('Order', o.id)}", amount: "${amount}", method: BANK_TRANSFER }) { __typename ... on Error { code message } } }`)
          : await send(key, 'paymentRefund', `mutation { paymentRefund(input: { order: "${gid('Order', o.id)}", amount: "${amount}", reason: "model" }) { __typename ... on Error { code message } } }`);
      return { op, outcome, amount };
    }
    case 'return': {
      const o = model.orders[op.order]!;
      const items = await w.t.prisma.orderItem.findMany({ where: { orderId: o.id }, orderBy: { id: 'asc' } });
      const units = op.taken ?? returnUnits(o, op);
      // Everything left: no lines (the default); else one entry per line with units, into warehouse w or not restocked.
      const lines = op.all
        ? ''
        : `, lines: [${units
            .map((n, i) => (n > 0 && items[i] ? `{ item: "${gid('OrderItem', items[i]!.id)}", quantity: ${n}, warehouse: "${Wh(op.w)}" }` : null))
            .filter(Boolean)
            .join(', ')}]`;
      const restock = op.all ? `, restock: false` : `, restock: ${op.restock}`;
      const outcome = await send(key, 'orderReturn', `mutation { orderReturn(input: { order: "${gid('Order', o.id)}", returnBy: "model"${restock}${lines} }) { __typename ... on Error { code message } } }`);
      return { op, outcome };
    }
    case 'edit': {
      const o = model.orders[op.order]!;
      // The model's lines are the order's items in id order (an added line comes last).
      const items = await w.t.prisma.orderItem.findMany({ where: { orderId: o.id, isCancelled: false }, orderBy: { id: 'asc' } });
      const item = (index: number) => `"${gid('OrderItem', items[index]?.id ?? 0)}"`;
      const parts = [
        op.update ? `updateItems: [{ item: ${item(op.update.index)}, quantity: ${op.update.quantity} }]` : '',
        op.add ? `addItems: [{ variation: "${V(op.add.v)}", quantity: ${op.add.quantity} }]` : '',
        op.remove != null ? `removeItems: [${item(op.remove)}]` : '',
        op.backorder ? 'backorder: true' : '',
      ].filter(Boolean);
      return { op, outcome: await send(key, 'orderEdit', `mutation { orderEdit(input: { order: "${gid('Order', o.id)}", ${parts.join(', ')} }) { __typename ... on Error { code message } } }`) };
    }
    case 'lapse': {
      // As if the clock passed the deadline: it lies a minute in the past.
      const moved = await w.t.prisma.cancellationRequest.updateMany({
        where: { orderId: model.orders[op.order]!.id, status: 'REQUESTED' },
        data: { deadlineAt: new Date(Date.now() - 60_000) },
      });
      return { op, outcome: { ok: moved.count === 1, typename: `moved ${moved.count}`, data: undefined } };
    }
    case 'queue': {
      const response = await execute<Record<string, Record<string, unknown>>, never>(key, '{ cancellationRequests(first: 1) { totalCount } }');
      return { op, outcome: { ok: !response.errors, typename: 'CancellationRequestConnection', data: response.data?.cancellationRequests, errors: response.errors } };
    }
    case 'adjust':
      return { op, outcome: await send(key, 'stockAdjust', `mutation { stockAdjust(input: { variation: "${V(op.v)}", warehouse: "${Wh(op.w)}", quantity: ${op.quantity}, reason: "model" }) { __typename ... on Error { code message } } }`) };
    case 'move':
      return { op, outcome: await send(key, 'stockMove', `mutation { stockMove(input: { variation: "${V(op.v)}", from: "${Wh(op.from)}", to: "${Wh(op.to)}", quantity: ${op.quantity}, reason: "model" }) { __typename ... on Error { code message } } }`) };
    case 'set': {
      const expected = model.onHand[op.v]![op.w]! + (op.stale ? 1 : 0);
      return {
        op,
        expected,
        outcome: await send(key, 'stockSet', `mutation { stockSet(input: { variation: "${V(op.v)}", warehouse: "${Wh(op.w)}", quantity: ${op.quantity}, expected: ${expected} }) { __typename ... on Error { code message } } }`),
      };
    }
  }
}

/** Applies a successful operation to the model (effects commute, so a burst applies in any order). */
async function apply(w: World, model: Model, done: Awaited<ReturnType<typeof run>>) {
  const { op, outcome } = done;
  if (!outcome.ok) return;
  switch (op.kind) {
    case 'create':
    case 'transfer': {
      const order = (outcome.data as { order: { id: string; status: Status } }).order;
      const id = Number(Buffer.from(order.id, 'base64').toString().split(':')[1]);
      const transfer = op.kind === 'transfer' ? { from: op.from, to: op.to } : undefined;
      const total = op.lines.reduce((s, l) => s + (transfer ? COSTS : PRICES)[l.v]! * l.quantity, 0);
      model.orders.push({
        id,
        status: order.status,
        lines: op.lines,
        total,
        received: 0,
        refunded: 0,
        returned: op.lines.map(() => 0),
        allocations: new Map(),
        history: [order.status],
        openRequest: false,
        overdue: false,
        ...(transfer ? { transfer } : {}),
      });
      return;
    }
    case 'transition': {
      if (op.name !== 'process') return applyModel(model, op);
      const o = model.orders[op.order]!;
      {
        // The system chooses the warehouses; the model takes its choice and checks it covers every line.
        const rows = await w.t.prisma.orderItemAllocation.findMany({ where: { orderItem: { orderId: o.id } }, include: { orderItem: true } });
        for (const row of rows) {
          const key = `${w.V.indexOf(row.orderItem.variationId!)}/${w.W.indexOf(row.warehouseId)}`;
          o.allocations.set(key, (o.allocations.get(key) ?? 0) + row.quantity);
        }
        const allocated = PRICES.map(() => 0);
        for (const [key, quantity] of o.allocations) {
          const [v, wi] = key.split('/').map(Number) as [number, number];
          allocated[v]! += quantity;
          model.reserved[v]![wi]! += quantity;
        }
        expect(allocated, `allocations of order ${o.id}`).toEqual(model.need(o));
      }
      o.status = 'PROCESSING';
      o.history.push('PROCESSING');
      return;
    }
    default:
      return applyModel(model, op);
  }
}

/** What a successful operation does to the model, from the model alone (every op but create, transfer and process). */
function applyModel(model: Model, op: Op) {
  switch (op.kind) {
    case 'transition': {
      const o = model.orders[op.order]!;
      const rule = TRANSITIONS[op.name]!;
      if (op.name === 'ship') model.ship(o);
      if (op.name === 'validate') model.receive(o, o.lines.map((l, i) => (op.short && i === 0 ? l.quantity - 1 : l.quantity)));
      if (op.name === 'cancel') {
        model.release(o);
        // Cancelling grants a request still open.
        o.openRequest = false;
        o.overdue = false;
      }
      if (op.name === 'setPending') model.release(o);
      o.status = rule.to;
      o.history.push(rule.to);
      return;
    }
    case 'pay':
    case 'payRetry':
      model.orders[op.order]!.received += op.amount!;
      return;
    case 'request':
      model.orders[op.order]!.openRequest = true;
      return;
    case 'decide': {
      const o = model.orders[op.order]!;
      o.openRequest = false;
      o.overdue = false;
      if (op.approve) {
        model.release(o);
        o.status = 'CANCELLED';
        o.history.push('CANCELLED');
      }
      return;
    }
    case 'refund':
      model.orders[op.order]!.refunded += op.amount!;
      return;
    case 'return': {
      const o = model.orders[op.order]!;
      const units = op.taken ?? returnUnits(o, op);
      units.forEach((n, i) => {
        o.returned[i]! += n;
        // Restocked lines go on hand in the warehouse named; `all` returns without restock.
        if (!op.all && op.restock) model.onHand[o.lines[i]!.v]![op.w]! += n;
      });
      if (model.fullyReturned(o)) {
        o.status = 'RETURNED';
        o.history.push('RETURNED');
      }
      return;
    }
    case 'edit': {
      const o = model.orders[op.order]!;
      o.lines = editedLines(o, op);
      // Nothing has come back before packing: every line starts with none returned.
      o.returned = o.lines.map(() => 0);
      o.total = o.lines.reduce((sum, line) => sum + PRICES[line.v]! * line.quantity, 0);
      return;
    }
    case 'lapse':
      model.orders[op.order]!.overdue = true;
      return;
    case 'queue':
      for (const o of model.orders) if (o.overdue) model.expire(o);
      return;
    case 'adjust':
      model.onHand[op.v]![op.w]! += op.quantity;
      return;
    case 'move':
      model.onHand[op.v]![op.from]! -= op.quantity;
      model.onHand[op.v]![op.to]! += op.quantity;
      return;
    case 'set':
      model.onHand[op.v]![op.w] = op.quantity;
      return;
  }
}

// ---------------------------------------------------------------- invariants

async function checkInvariants(w: World, model: Model, where: string) {
  const { t } = w;
  // Stock: the model's figures, the ledger's sums, nothing negative, reserved = open allocations.
  const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id } });
  const movements = await t.prisma.stockMovement.groupBy({
    by: ['variationId', 'warehouseId'],
    where: { tenantId: t.id },
    _sum: { quantityIn: true, quantityOut: true, reservedDelta: true, inTransitDelta: true },
  });
  const allocations = await t.prisma.orderItemAllocation.findMany({
    where: { orderItem: { order: { tenantId: t.id, status: { in: ['PROCESSING', 'PACKED'] } } } },
    include: { orderItem: true },
  });
  for (let v = 0; v < PRICES.length; v++) {
    for (let wi = 0; wi < WAREHOUSES; wi++) {
      const level = levels.find((l) => l.variationId === w.V[v] && l.warehouseId === w.W[wi]);
      const ledger = movements.find((m) => m.variationId === w.V[v] && m.warehouseId === w.W[wi]);
      const open = allocations.filter((a) => a.orderItem.variationId === w.V[v] && a.warehouseId === w.W[wi]).reduce((s, a) => s + a.quantity - a.shippedQuantity, 0);
      const at = `${where}: variation ${v}, warehouse ${wi}`;
      expect({ onHand: level?.onHand ?? 0, reserved: level?.reserved ?? 0, inTransit: level?.inTransit ?? 0 }, at).toEqual({
        onHand: model.onHand[v]![wi],
        reserved: model.reserved[v]![wi],
        inTransit: model.inTransit[v]![wi],
      });
      expect(ledger?._sum.inTransitDelta ?? 0, `${at}: ledger sums to in transit`).toBe(model.inTransit[v]![wi]);
      expect((ledger?._sum.quantityIn ?? 0) - (ledger?._sum.quantityOut ?? 0), `${at}: ledger sums to on hand`).toBe(model.onHand[v]![wi]);
      expect(open, `${at}: reserved = open allocations`).toBe(model.reserved[v]![wi]);
      expect(model.onHand[v]![wi]! >= 0 && model.reserved[v]![wi]! >= 0 && model.reserved[v]![wi]! <= model.onHand[v]![wi]! && model.inTransit[v]![wi]! >= 0, at).toBe(true);
    }
  }
  // Status counts: the counter the writes keep equals a GROUP BY over the orders, key by key,
  // and the counts a client reads equal the model's statuses.
  const keyOf = (r: { status: string; channel: string; kind: string; isDraft: boolean; paymentStatus: string }) =>
    `${r.status} ${r.channel} ${r.kind} ${r.isDraft} ${r.paymentStatus}`;
  const byKey = ['status', 'channel', 'kind', 'isDraft', 'paymentStatus'] as const;
  const [grouped, counted] = await Promise.all([
    t.prisma.order.groupBy({ by: [...byKey], where: { tenantId: t.id }, _count: { _all: true } }),
    t.prisma.orderStatusCount.groupBy({ by: [...byKey], where: { tenantId: t.id }, _sum: { count: true } }),
  ]);
  expect(
    Object.fromEntries(counted.filter((r) => r._sum.count !== 0).map((r) => [keyOf(r), r._sum.count])),
    `${where}: status counter = GROUP BY`,
  ).toEqual(Object.fromEntries(grouped.map((r) => [keyOf(r), r._count._all])));
  const tiles = await execute<{ orderStatusCounts: Array<{ status: string; count: number }> }, never>(w.t.key, '{ orderStatusCounts { status count } }');
  const tally: Record<string, number> = {};
  for (const o of model.orders) tally[o.status] = (tally[o.status] ?? 0) + 1;
  expect(Object.fromEntries(tiles.data!.orderStatusCounts.filter((c) => c.count).map((c) => [c.status, c.count])), `${where}: orderStatusCounts`).toEqual(tally);

  // Open cancellation requests: on the orders the model has one open, one each.
  const open = await t.prisma.cancellationRequest.groupBy({ by: ['orderId'], where: { tenantId: t.id, status: 'REQUESTED' }, _count: { _all: true } });
  expect(
    Object.fromEntries(open.map((row) => [row.orderId, row._count._all])),
    `${where}: open cancellation requests`,
  ).toEqual(Object.fromEntries(model.orders.filter((o) => o.openRequest).map((o) => [o.id, 1])));

  // Search: each variation's SKU finds the orders the model has a line of it on, with their
  // count: the search documents follow creates, transfers and edits that add or remove lines.
  const skus = await t.prisma.variation.findMany({ where: { id: { in: w.V } }, select: { id: true, sku: true } });
  for (let v = 0; v < w.V.length; v++) {
    const sku = skus.find((row) => row.id === w.V[v])!.sku;
    const found = await execute<{ orders: { totalCount: number; edges: Array<{ node: { id: string } }> } }, never>(
      w.t.key,
      `{ orders(first: 100, filter: { search: ${JSON.stringify(sku)} }) { totalCount edges { node { id } } } }`,
    );
    const expected = model.orders.filter((o) => o.lines.some((line) => line.v === v)).map((o) => gid('Order', o.id));
    expect(found.data?.orders.totalCount, `${where}: search ${sku} counts`).toBe(expected.length);
    if (expected.length <= 100) expect(found.data!.orders.edges.map((e) => e.node.id).sort(), `${where}: search ${sku}`).toEqual(expected.sort());
  }

  // Orders, as a client reads them: status, money, payment status, history in sequence.
  if (!model.orders.length) return;
  const ids = model.orders.map((o) => `"${gid('Order', o.id)}"`).join(', ');
  const response = await execute<
    {
      nodes: Array<{
        status: string;
        paymentStatus: string;
        amountDue: string;
        amountPaid: string;
        netTotal: string;
        returnStatus: string;
        items: Array<{ returnedQuantity: number }>;
        totals: { grandTotal: string };
        events: Array<{ sequence: number; fromStatus: string | null; toStatus: string }>;
      }>;
    },
    never
  >(
    w.t.key,
    `{ nodes(ids: [${ids}]) { ... on Order { status paymentStatus amountDue amountPaid netTotal returnStatus items { returnedQuantity } totals { grandTotal } events { sequence fromStatus toStatus } } } }`,
  );
  expect(response.errors, where).toBeUndefined();
  model.orders.forEach((o, i) => {
    const read = response.data!.nodes[i]!;
    const at = `${where}: order ${i} (${o.id})`;
    expect(
      {
        status: read.status,
        paymentStatus: read.paymentStatus,
        amountDue: Number(read.amountDue),
        amountPaid: Number(read.amountPaid),
        total: Number(read.totals.grandTotal),
        returnStatus: read.returnStatus,
        returned: read.items.map((item) => item.returnedQuantity),
        ...(o.transfer ? {} : { net: Number(read.netTotal) }),
      },
      at,
    ).toEqual({
      status: o.status,
      paymentStatus: model.paymentStatus(o),
      amountDue: model.due(o),
      amountPaid: o.received - o.refunded,
      total: o.total,
      returnStatus: model.returnStatus(o),
      returned: o.returned,
      ...(o.transfer ? {} : { net: model.net(o) }),
    });
    expect(
      read.events.map((e) => e.sequence),
      `${at}: events in sequence`,
    ).toEqual(read.events.map((_, k) => k + 1));
    expect(read.events.filter((e) => e.fromStatus !== e.toStatus).map((e) => e.toStatus), `${at}: history`).toEqual(o.history);
  });
}

// ---------------------------------------------------------------- the walk

async function walk(seed: number) {
  const r = randomOf(seed);
  const w = await world();
  const model = new Model();
  // Some stock to start with, so that walks reach processing, shipping, receiving and returns often.
  for (let v = 0; v < PRICES.length; v++) {
    for (let wi = 0; wi < WAREHOUSES; wi++) {
      const start = await run(w, model, { kind: 'adjust', v, w: wi, quantity: INITIAL_STOCK }, w.keys[0]!);
      expect(start.outcome.ok, `initial stock: ${start.outcome.typename}`).toBe(true);
      await apply(w, model, start);
    }
  }
  let operations = 0;
  const refused: Record<string, number> = {};
  /** Successful operations by kind (transitions by name): shows what a walk covered. */
  const done: Record<string, number> = {};
  /** Races by the order they ran in; requests expired. */
  const races = { 'first first': 0, 'second first': 0 };
  let expired = 0;
  const count = (op: Op, ok: boolean) => {
    const name = op.kind === 'transition' ? op.name : op.kind;
    if (ok) done[name] = (done[name] ?? 0) + 1;
  };
  for (let step = 1; step <= STEPS; step++) {
    const where = `seed ${seed}, step ${step}`;
    if (step % BURST_EVERY === 0) {
      // Several clients at once, each on its own order or stock row so every answer is predictable,
      // except a race: two ops on the same order, either order of execution accepted.
      const ops: Op[] = [];
      const busy = new Set<string>();
      const stockOf = (op: Op) =>
        (op.kind === 'transition' && ['process', 'ship', 'cancel', 'validate', 'setPending'].includes(op.name)) || (op.kind === 'decide' && op.approve)
          ? 'stock'
          : op.kind === 'adjust' || op.kind === 'move' || op.kind === 'set' || op.kind === 'return'
            ? 'stock'
            : undefined;
      // Creates (and edits that grow lines) read availability: they may run beside each other, not beside a stock write.
      const readsOf = (op: Op) => op.kind === 'create' || op.kind === 'transfer' || (op.kind === 'edit' && !op.backorder);
      const claim = (group: Op[], name: string) => {
        const stock = group.some((op) => stockOf(op));
        const reads = group.some(readsOf);
        if (busy.has(name) || (stock && (busy.has('stock') || busy.has('stock-read'))) || (reads && busy.has('stock'))) return false;
        busy.add(name);
        if (stock) busy.add('stock');
        if (reads) busy.add('stock-read');
        return true;
      };
      const race = r.chance(RACE_SHARE) ? racePair(r, model) : undefined;
      if (race && claim(race, `o${race[0].order}`)) ops.push(...race);
      for (let tries = 0; ops.length < BURST_SIZE + (race ? 1 : 0) && tries < 5 * BURST_SIZE; tries++) {
        const op = resolve(model, randomOp(r, model));
        // The deadline and the queue are single steps: an expiry writes to orders the burst may hold.
        if (op.kind === 'lapse' || op.kind === 'queue' || expiresFirst(model, op)) continue;
        const name = op.kind === 'create' || op.kind === 'transfer' ? `c${tries}` : 'order' in op ? `o${op.order}` : `v${op.v}`;
        if (claim([op], name)) ops.push(op);
      }
      const pair = race && ops[0] === race[0] ? race : undefined;
      const single = pair ? ops.slice(2) : ops;
      const predicted = single.map((op) => predict(model, op));
      // Both orders of the race, the second op judged on the model after the first.
      const orders = pair && {
        ab: ((p) => [p, predict(p ? simulate(model, pair[0]) : model, pair[1])])(predict(model, pair[0])),
        ba: ((p) => [predict(p ? simulate(model, pair[1]) : model, pair[0]), p])(predict(model, pair[1])),
      };
      const results = await Promise.all(ops.map((op, i) => run(w, model, op, w.keys[i % w.keys.length]!)));
      const singles = pair ? results.slice(2) : results;
      for (const [i, done] of singles.entries()) {
        expect({ ok: done.outcome.ok, errors: done.outcome.errors }, `${where}: burst ${JSON.stringify(done.op)} answered ${done.outcome.typename}`).toEqual({
          ok: predicted[i],
          errors: undefined,
        });
        count(done.op, done.outcome.ok);
        await apply(w, model, done);
      }
      if (pair && orders) {
        const [a, b] = [results[0]!, results[1]!];
        const at = `${where}: race ${JSON.stringify(pair)} answered ${a.outcome.typename}, ${b.outcome.typename}`;
        expect({ a: a.outcome.errors, b: b.outcome.errors }, at).toEqual({ a: undefined, b: undefined });
        const got = [a.outcome.ok, b.outcome.ok];
        const same = (p: boolean[]) => p[0] === got[0] && p[1] === got[1];
        let sequence: Array<typeof a>;
        if (same(orders.ab)) sequence = [a, b];
        else if (same(orders.ba)) sequence = [b, a];
        else throw new Error(`${at}: expected ${JSON.stringify(orders.ab)} (first, then second) or ${JSON.stringify(orders.ba)} (second, then first), got ${JSON.stringify(got)}`);
        races[sequence[0] === b ? 'second first' : 'first first'] += 1;
        for (const done of [a, b]) count(done.op, done.outcome.ok);
        for (const done of sequence) await apply(w, model, done);
      }
      operations += ops.length;
    } else {
      const op = resolve(model, randomOp(r, model));
      // An overdue request this op settles first: the model expires it, then judges the op.
      const expiring = expiresFirst(model, op);
      if (expiring) {
        model.expire(expiring);
        expired += 1;
      }
      if (op.kind === 'queue') expired += model.orders.filter((o) => o.overdue).length;
      const expected = predict(model, op);
      const done = await run(w, model, op, w.keys[0]!);
      expect({ ok: done.outcome.ok, errors: done.outcome.errors }, `${where}: ${JSON.stringify(op)} answered ${done.outcome.typename}`).toEqual({ ok: expected, errors: undefined });
      if (!done.outcome.ok) refused[done.outcome.typename] = (refused[done.outcome.typename] ?? 0) + 1;
      count(done.op, done.outcome.ok);
      await apply(w, model, done);
      operations += 1;
    }
    await checkInvariants(w, model, where);
  }
  return { operations, orders: model.orders.length, refused, done, races, expired };
}

describe("an order's whole life, against an independent model", () => {
  it(
    `keeps stock, ledger, allocations, money and history right over ${RUNS} random walks of ${STEPS} steps`,
    async () => {
      let operations = 0;
      const refused: Record<string, number> = {};
      const succeeded: Record<string, number> = {};
      const races: Record<string, number> = {};
      let expired = 0;
      const started = Date.now();
      for (let i = 0; i < RUNS; i++) {
        const seed = FIRST_SEED + i;
        const result = await walk(seed).catch((error: unknown) => {
          throw new Error(`model walk failed; replay with MODEL_SEED=${seed} MODEL_RUNS=1: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
        operations += result.operations;
        expired += result.expired;
        for (const [k, n] of Object.entries(result.races)) races[k] = (races[k] ?? 0) + n;
        for (const [k, n] of Object.entries(result.refused)) refused[k] = (refused[k] ?? 0) + n;
        for (const [k, n] of Object.entries(result.done)) succeeded[k] = (succeeded[k] ?? 0) + n;
      }
      const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
      console.log(
        `order-life model (${database}): ${RUNS} walks x ${STEPS} steps from seed ${FIRST_SEED}: ${operations} operations in ${Math.round((Date.now() - started) / 1000)} s, ` +
          `same-order races ${JSON.stringify(races)}, requests expired ${expired}, succeeded ${JSON.stringify(succeeded)}, refusals ${JSON.stringify(refused)}`,
      );
    },
    600_000,
  );
});
