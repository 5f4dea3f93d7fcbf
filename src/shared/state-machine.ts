// A lifecycle declared as data (states, where it starts and ends, named
// transitions with the states they leave from, the state they lead to and the
// roles that may run them, plus whatever a domain adds to its rows) and the pure
// functions over it: what may run now, where it leads, who may run it, and a
// check that the declaration is sound. In the spirit of Vendure's FSM; no I/O,
// no GraphQL: the faces and services of each domain read it.

/** A state: a status value, or null for "nothing yet" (e.g. no open cancellation request). */
export type State = string | null;

/** One row of a lifecycle table. Domains add their own columns (input, effects, seeds, ...). */
export interface Transition<S extends State = State, R extends string = string> {
  readonly from: readonly S[];
  /** Where it leads; left out for a step that keeps the state (e.g. printing a label). */
  readonly to?: S;
  /** Roles that may run it. */
  readonly roles: readonly R[];
  /** The mutation that runs it, when the API has one of its own. */
  readonly mutation?: string;
}

/**
 * A lifecycle: `X` is the domain's extra columns on every row, `N` its
 * transition names. Transitions are keyed by name, so a name cannot repeat.
 */
export interface Lifecycle<S extends State = State, R extends string = string, X extends object = object, N extends string = string> {
  /** What it is the lifecycle of, for messages ("customer", "shipment"). */
  readonly name: string;
  readonly states: readonly S[];
  /** States a thing may start in. */
  readonly initial: readonly S[];
  /** States with no way out. */
  readonly final: readonly S[];
  readonly transitions: { readonly [K in N]: Transition<S, R> & X };
}

/** Why a transition may not run: it does not exist, or it does not leave this state. */
export interface Refusal<S extends State, N extends string> {
  readonly ok: false;
  readonly reason: 'unknown transition' | 'not from this state';
  readonly from: S;
  readonly transition: N;
  /** States it leaves from (empty for an unknown transition). */
  readonly allowedFrom: readonly S[];
  /** What may run from this state instead, in table order. */
  readonly available: N[];
}

export type Step<S extends State, N extends string> = { readonly ok: true; readonly from: S; readonly to: S; readonly transition: N } | Refusal<S, N>;

export interface StateMachine<S extends State, R extends string, X extends object, N extends string> {
  readonly lifecycle: Lifecycle<S, R, X, N>;
  /** The row of a transition; undefined for a name the table does not have. */
  rule(transition: N): (Transition<S, R> & X) | undefined;
  /** Whether the transition may leave this state. */
  can(state: S, transition: N): boolean;
  /** Where the transition leads from this state, or why it may not run. */
  next(state: S, transition: N): Step<S, N>;
  /** Transitions that may leave this state, in table order; with a role, only those it may run. */
  available(state: S, role?: R): N[];
  /** Roles that may run the transition (none for an unknown one). */
  allowedRoles(transition: N): readonly R[];
  /** The transition a mutation runs, if any. */
  transitionOfMutation(mutation: string): N | undefined;
}

/** Declares a lifecycle: the identity, so the table keeps its literal types and gets checked against the shape. */
export function defineLifecycle<S extends State, R extends string, X extends object, N extends string>(lifecycle: Lifecycle<S, R, X, N>): Lifecycle<S, R, X, N> {
  return lifecycle;
}

function names<N extends string>(lifecycle: Lifecycle<State, string, object, N>): N[] {
  return Object.keys(lifecycle.transitions) as N[];
}

export function stateMachine<S extends State, R extends string, X extends object, N extends string>(lifecycle: Lifecycle<S, R, X, N>): StateMachine<S, R, X, N> {
  const order = names(lifecycle);
  const rows = lifecycle.transitions as Record<string, Transition<S, R> & X>;
  const rule = (transition: N) => (Object.hasOwn(rows, transition) ? rows[transition] : undefined);
  const can = (state: S, transition: N) => rule(transition)?.from.includes(state) ?? false;
  const available = (state: S, role?: R) => order.filter((name) => can(state, name) && (role === undefined || rows[name]!.roles.includes(role)));
  return {
    lifecycle,
    rule,
    can,
    available,
    next(state, transition) {
      const row = rule(transition);
      if (row && row.from.includes(state)) return { ok: true, from: state, to: row.to === undefined ? state : row.to, transition };
      return {
        ok: false,
        reason: row ? 'not from this state' : 'unknown transition',
        from: state,
        transition,
        allowedFrom: row ? row.from : [],
        available: available(state),
      };
    },
    allowedRoles: (transition) => rule(transition)?.roles ?? [],
    transitionOfMutation: (mutation) => order.find((name) => rows[name]!.mutation === mutation),
  };
}

export type Problem =
  | { kind: 'unknown state'; state: State; transition?: string; message: string }
  | { kind: 'unreachable'; state: State; message: string }
  | { kind: 'final with a way out'; state: State; transitions: string[]; message: string }
  | { kind: 'no way out'; state: State; message: string }
  | { kind: 'self-loop'; state: State; transition: string; message: string }
  | { kind: 'mutation used twice'; mutation: string; transition: string; message: string };

const show = (state: State) => state ?? 'none';

/**
 * What is wrong with a lifecycle, in this order: states it names but does not
 * declare; per state, unreachable from the initial states, final with a way out,
 * not final without one; per transition, a mutation already used by an earlier
 * one, and a self-loop (leaving a state for itself: leave `to` out for a step that
 * keeps the state). Empty when sound.
 */
export function check(lifecycle: Lifecycle<State, string, object, string>): Problem[] {
  const problems: Problem[] = [];
  const known = new Set<State>(lifecycle.states);
  const rows = names(lifecycle).map((name) => [name, lifecycle.transitions[name]!] as const);

  for (const state of lifecycle.initial) {
    if (!known.has(state)) problems.push({ kind: 'unknown state', state, message: `initial state ${show(state)} is not a state of the ${lifecycle.name} lifecycle` });
  }
  for (const state of lifecycle.final) {
    if (!known.has(state)) problems.push({ kind: 'unknown state', state, message: `final state ${show(state)} is not a state of the ${lifecycle.name} lifecycle` });
  }
  for (const [name, row] of rows) {
    for (const state of row.from) {
      if (!known.has(state)) problems.push({ kind: 'unknown state', state, transition: name, message: `${name} leaves from ${show(state)}, not a state of the ${lifecycle.name} lifecycle` });
    }
    if (row.to !== undefined && !known.has(row.to)) {
      problems.push({ kind: 'unknown state', state: row.to, transition: name, message: `${name} leads to ${show(row.to)}, not a state of the ${lifecycle.name} lifecycle` });
    }
  }

  // A way out of a state: a transition from it to another state.
  const waysOut = (state: State) => rows.filter(([, row]) => row.from.includes(state) && row.to !== undefined && row.to !== state).map(([name]) => name);
  const reached = new Set<State>(lifecycle.initial);
  const queue = [...lifecycle.initial];
  while (queue.length) {
    const state = queue.shift()!;
    for (const [, row] of rows) {
      if (row.to !== undefined && row.from.includes(state) && !reached.has(row.to)) {
        reached.add(row.to);
        queue.push(row.to);
      }
    }
  }
  for (const state of lifecycle.states) {
    const ways = waysOut(state);
    const final = lifecycle.final.includes(state);
    if (!reached.has(state)) problems.push({ kind: 'unreachable', state, message: `${show(state)} cannot be reached` });
    if (final && ways.length) problems.push({ kind: 'final with a way out', state, transitions: ways, message: `${show(state)} is final but can be left by ${ways.join(', ')}` });
    if (!final && !ways.length) problems.push({ kind: 'no way out', state, message: `${show(state)} has no way out` });
  }

  const mutations = new Set<string>();
  for (const [name, row] of rows) {
    if (row.mutation !== undefined) {
      if (mutations.has(row.mutation)) problems.push({ kind: 'mutation used twice', mutation: row.mutation, transition: name, message: `${row.mutation} runs two transitions` });
      mutations.add(row.mutation);
    }
    if (row.to !== undefined && row.from.includes(row.to)) {
      problems.push({ kind: 'self-loop', state: row.to, transition: name, message: `${name} may leave ${show(row.to)} for ${show(row.to)}` });
    }
  }
  return problems;
}

/** Mutation name -> roles, for every transition of the lifecycles that has a mutation. */
export function mutationRoles(lifecycles: readonly Lifecycle<State, string, object, string>[]): Map<string, readonly string[]> {
  const roles = new Map<string, readonly string[]>();
  for (const lifecycle of lifecycles) {
    for (const name of names(lifecycle)) {
      const row = lifecycle.transitions[name]!;
      if (row.mutation !== undefined) roles.set(row.mutation, row.roles);
    }
  }
  return roles;
}
