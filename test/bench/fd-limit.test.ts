import { describe, expect, it } from 'vitest';
import { descriptorsNeeded, mayRaiseHardLimit, parseOpenFileLimits, planFileLimit, type FileLimits } from '../../bench/lib/fd-limit.js';

// The limits of the machine the bench hung on: 20,000 soft and hard, not root.
const machine: FileLimits = { soft: 20_000, hard: 20_000, nrOpen: 1_048_576, privileged: false, ports: { low: 32_768, high: 60_999 } };

describe('open-file limit check of the live benches', () => {
  it('counts one descriptor per socket (two through a proxy) plus 256 for the process itself', () => {
    expect(descriptorsNeeded(10_000)).toBe(10_256);
    expect(descriptorsNeeded(20_000)).toBe(20_256);
    expect(descriptorsNeeded(15_000, 2)).toBe(30_256);
    expect(descriptorsNeeded(0)).toBe(256);
  });

  // subscribers, limits, expected action, soft, hard
  it.each<[number, FileLimits, 'ok' | 'raise' | 'refuse', number | undefined, number | undefined]>([
    [10_000, machine, 'ok', undefined, undefined],
    [19_744, machine, 'ok', undefined, undefined],
    // 20,000 subscribers + 256 > 20,000: the run that hung
    [20_000, machine, 'refuse', undefined, undefined],
    [19_745, machine, 'refuse', undefined, undefined],
    // soft below hard: the soft limit is raised to what is needed, the hard one kept
    [20_000, { ...machine, soft: 1_024, hard: 65_536 }, 'raise', 20_256, 65_536],
    [1_000, { ...machine, soft: 1_024, hard: 65_536 }, 'raise', 1_256, 65_536],
    // root may raise the hard limit too, up to fs.nr_open
    [20_000, { ...machine, privileged: true }, 'raise', 20_256, 20_256],
    [20_000, { ...machine, privileged: true, nrOpen: 20_000 }, 'refuse', undefined, undefined],
    // more connections than local ports towards one address
    [30_000, { ...machine, privileged: true }, 'refuse', undefined, undefined],
  ])('%i subscribers under %o: %s', (subscribers, limits, action, soft, hard) => {
    const plan = planFileLimit(subscribers, limits);
    expect(plan.action).toBe(action);
    expect(plan.soft).toBe(soft);
    expect(plan.hard).toBe(hard);
  });

  it('says how to get past a hard limit it may not raise, before any socket is opened', () => {
    const plan = planFileLimit(20_000, machine, { command: 'npm run bench:live' });
    expect(plan.needed).toBe(20_256);
    expect(plan.message).toContain('prlimit --nofile=20256:20256 npm run bench:live');
    expect(plan.message).toContain('hard limit 20000');
    expect(planFileLimit(30_000, machine).message).toContain('ip_local_port_range');
  });

  it('may raise the hard limit only with CAP_SYS_RESOURCE (root in a container may lack it)', () => {
    expect(mayRaiseHardLimit('Name:\tnode\nCapEff:\t000001ffffffffff\n')).toBe(true);
    // a container's root: the default Docker set, without CAP_SYS_RESOURCE
    expect(mayRaiseHardLimit('Name:\tnode\nCapEff:\t00000000a80425fb\n')).toBe(false);
    expect(mayRaiseHardLimit('CapEff:\t0000000001000000')).toBe(true);
    expect(mayRaiseHardLimit(undefined)).toBe(false);
  });

  it('reads the limits from /proc/<pid>/limits', () => {
    const text = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max processes             unlimited            unlimited            processes ',
      'Max open files            20000                20000                files     ',
    ].join('\n');
    expect(parseOpenFileLimits(text)).toEqual({ soft: 20_000, hard: 20_000 });
    expect(parseOpenFileLimits('Max open files            1024                 unlimited            files')).toEqual({ soft: 1_024, hard: Number.MAX_SAFE_INTEGER });
  });
});
