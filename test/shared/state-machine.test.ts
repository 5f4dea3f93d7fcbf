// The generic state machine on small literal lifecycles: the expected answers are
// written here, not computed from the module.
import { describe, expect, it } from 'vitest';
import { check, defineLifecycle, mutationRoles, stateMachine, type Lifecycle } from '../../src/shared/state-machine.js';

type Door = 'OPEN' | 'CLOSED' | 'LOCKED' | 'GONE';
type Who = 'OWNER' | 'GUEST';

// A door: opened and closed by anyone, locked and unlocked by the owner, removed for good.
const door = defineLifecycle<Door, Who, { sound: string }, 'open' | 'close' | 'lock' | 'unlock' | 'knock' | 'remove'>({
  name: 'door',
  states: ['OPEN', 'CLOSED', 'LOCKED', 'GONE'],
  initial: ['CLOSED'],
  final: ['GONE'],
  transitions: {
    open: { from: ['CLOSED'], to: 'OPEN', roles: ['OWNER', 'GUEST'], mutation: 'doorOpen', sound: 'creak' },
    close: { from: ['OPEN'], to: 'CLOSED', roles: ['OWNER', 'GUEST'], mutation: 'doorClose', sound: 'bang' },
    lock: { from: ['CLOSED'], to: 'LOCKED', roles: ['OWNER'], mutation: 'doorLock', sound: 'click' },
    unlock: { from: ['LOCKED'], to: 'CLOSED', roles: ['OWNER'], mutation: 'doorUnlock', sound: 'clack' },
    knock: { from: ['CLOSED', 'LOCKED'], roles: ['GUEST'], mutation: 'doorKnock', sound: 'knock' },
    remove: { from: ['OPEN', 'CLOSED'], to: 'GONE', roles: ['OWNER'], sound: 'thud' },
  },
});

const machine = stateMachine(door);

/** A door lifecycle with other rows, for the checker. */
function withRows(transitions: Lifecycle<string, string>['transitions'], over: Partial<Lifecycle<string, string>> = {}): Lifecycle<string, string> {
  return { name: 'door', states: ['OPEN', 'CLOSED', 'LOCKED', 'GONE'], initial: ['CLOSED'], final: ['GONE'], transitions, ...over };
}

describe('a state machine over a declared lifecycle', () => {
  it('says which transitions may leave a state', () => {
    expect(machine.can('CLOSED', 'open')).toBe(true);
    expect(machine.can('OPEN', 'open')).toBe(false);
    expect(machine.can('GONE', 'close')).toBe(false);
    expect(machine.can('CLOSED', 'fly' as never)).toBe(false);
  });

  it('gives the state a transition leads to, the same state for a step that keeps it', () => {
    expect(machine.next('CLOSED', 'lock')).toEqual({ ok: true, from: 'CLOSED', to: 'LOCKED', transition: 'lock' });
    expect(machine.next('LOCKED', 'knock')).toEqual({ ok: true, from: 'LOCKED', to: 'LOCKED', transition: 'knock' });
  });

  it('refuses a transition that does not leave the state, naming where it leaves from and what is available', () => {
    expect(machine.next('OPEN', 'lock')).toEqual({
      ok: false,
      reason: 'not from this state',
      from: 'OPEN',
      transition: 'lock',
      allowedFrom: ['CLOSED'],
      available: ['close', 'remove'],
    });
    expect(machine.next('GONE', 'fly' as never)).toEqual({ ok: false, reason: 'unknown transition', from: 'GONE', transition: 'fly', allowedFrom: [], available: [] });
  });

  it('lists the available transitions in table order, for a role only those it may run', () => {
    expect(machine.available('CLOSED')).toEqual(['open', 'lock', 'knock', 'remove']);
    expect(machine.available('CLOSED', 'GUEST')).toEqual(['open', 'knock']);
    expect(machine.available('CLOSED', 'OWNER')).toEqual(['open', 'lock', 'remove']);
    expect(machine.available('GONE')).toEqual([]);
  });

  it('gives the roles of a transition and the transition of a mutation', () => {
    expect(machine.allowedRoles('lock')).toEqual(['OWNER']);
    expect(machine.allowedRoles('open')).toEqual(['OWNER', 'GUEST']);
    expect(machine.allowedRoles('fly' as never)).toEqual([]);
    expect(machine.transitionOfMutation('doorUnlock')).toBe('unlock');
    expect(machine.transitionOfMutation('doorPaint')).toBeUndefined();
    expect(machine.rule('close')?.sound).toBe('bang');
  });

  it('maps every mutation of some lifecycles to its roles; rows without a mutation give none', () => {
    expect([...mutationRoles([door]).entries()]).toEqual([
      ['doorOpen', ['OWNER', 'GUEST']],
      ['doorClose', ['OWNER', 'GUEST']],
      ['doorLock', ['OWNER']],
      ['doorUnlock', ['OWNER']],
      ['doorKnock', ['GUEST']],
    ]);
  });

  it('works with null as the "nothing yet" state', () => {
    const request = stateMachine(
      defineLifecycle<null | 'ASKED' | 'DONE', 'ANY', object, 'ask' | 'decide'>({
        name: 'request',
        states: [null, 'ASKED', 'DONE'],
        initial: [null],
        final: ['DONE'],
        transitions: { ask: { from: [null], to: 'ASKED', roles: ['ANY'] }, decide: { from: ['ASKED'], to: 'DONE', roles: ['ANY'] } },
      }),
    );
    expect(request.available(null)).toEqual(['ask']);
    expect(request.next(null, 'decide')).toMatchObject({ ok: false, allowedFrom: ['ASKED'], available: ['ask'] });
    expect(check(request.lifecycle)).toEqual([]);
  });
});

describe('the lifecycle checker', () => {
  it('finds nothing wrong with a sound lifecycle', () => {
    expect(check(door)).toEqual([]);
  });

  it('names an unreachable state and a state with no way out', () => {
    const problems = check(
      withRows({
        open: { from: ['CLOSED'], to: 'OPEN', roles: ['OWNER'] },
        remove: { from: ['CLOSED'], to: 'GONE', roles: ['OWNER'] },
      }),
    );
    expect(problems.map((p) => p.message)).toEqual(['OPEN has no way out', 'LOCKED cannot be reached', 'LOCKED has no way out']);
    expect(problems.map((p) => [p.kind, 'state' in p ? p.state : null])).toEqual([
      ['no way out', 'OPEN'],
      ['unreachable', 'LOCKED'],
      ['no way out', 'LOCKED'],
    ]);
  });

  it('does not count a step that keeps the state as a way out', () => {
    const problems = check(
      withRows(
        {
          open: { from: ['CLOSED'], to: 'OPEN', roles: ['OWNER'] },
          wave: { from: ['OPEN'], roles: ['OWNER'] },
        },
        { states: ['OPEN', 'CLOSED'], final: [] },
      ),
    );
    expect(problems.map((p) => p.message)).toEqual(['OPEN has no way out']);
  });

  it('names a final state with a way out, with the transitions that leave it', () => {
    const problems = check(
      withRows({
        open: { from: ['CLOSED'], to: 'OPEN', roles: ['OWNER'] },
        close: { from: ['OPEN', 'GONE'], to: 'CLOSED', roles: ['OWNER'] },
        lock: { from: ['CLOSED'], to: 'LOCKED', roles: ['OWNER'] },
        unlock: { from: ['LOCKED', 'GONE'], to: 'CLOSED', roles: ['OWNER'] },
        remove: { from: ['OPEN'], to: 'GONE', roles: ['OWNER'] },
      }),
    );
    expect(problems).toEqual([{ kind: 'final with a way out', state: 'GONE', transitions: ['close', 'unlock'], message: 'GONE is final but can be left by close, unlock' }]);
  });

  it('names a self-loop and a mutation used by two transitions', () => {
    const problems = check(
      withRows({
        open: { from: ['CLOSED'], to: 'OPEN', roles: ['OWNER'], mutation: 'doorOpen' },
        close: { from: ['OPEN'], to: 'CLOSED', roles: ['OWNER'], mutation: 'doorClose' },
        slam: { from: ['OPEN', 'CLOSED'], to: 'CLOSED', roles: ['OWNER'], mutation: 'doorClose' },
        lock: { from: ['CLOSED'], to: 'LOCKED', roles: ['OWNER'] },
        unlock: { from: ['LOCKED'], to: 'CLOSED', roles: ['OWNER'] },
        remove: { from: ['OPEN'], to: 'GONE', roles: ['OWNER'] },
      }),
    );
    expect(problems.map((p) => p.message)).toEqual(['doorClose runs two transitions', 'slam may leave CLOSED for CLOSED']);
    expect(problems.map((p) => p.kind)).toEqual(['mutation used twice', 'self-loop']);
  });

  it('names transitions from and to unknown states, and unknown initial and final states', () => {
    const problems = check(
      withRows(
        {
          open: { from: ['CLOSED'], to: 'OPEN', roles: ['OWNER'] },
          close: { from: ['OPEN', 'AJAR'], to: 'CLOSED', roles: ['OWNER'] },
          remove: { from: ['OPEN'], to: 'BURNT', roles: ['OWNER'] },
        },
        { states: ['OPEN', 'CLOSED'], initial: ['CLOSED', 'NEW'], final: ['GONE'] },
      ),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'initial state NEW is not a state of the door lifecycle',
      'final state GONE is not a state of the door lifecycle',
      'close leaves from AJAR, not a state of the door lifecycle',
      'remove leads to BURNT, not a state of the door lifecycle',
    ]);
    expect(problems.every((p) => p.kind === 'unknown state')).toBe(true);
  });
});
