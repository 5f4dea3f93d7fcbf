// Open-file limits for the live benches: how many descriptors N connections need,
// whether this process's limit allows them, and raising it (soft up to hard; hard
// too when the process may, as root) before any socket is opened. Without it a
// bench past the limit does not fail: accept() and connect() get EMFILE, the
// clients retry, and the run waits forever for subscribers that never arrive.
//
// planFileLimit is pure (the unit test drives it); readFileLimits and
// ensureFileLimit touch the process (/proc, prlimit).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Descriptors a Node process holds besides its sockets (stdio, libuv, the database pool, the inspector, ...). */
export const RESERVE_DESCRIPTORS = 256;

export interface FileLimits {
  /** RLIMIT_NOFILE of the process. */
  soft: number;
  hard: number;
  /** fs.nr_open: the highest hard limit the kernel grants to anyone. */
  nrOpen: number;
  /** May raise its hard limit (CAP_SYS_RESOURCE: root, unless a container took it away). */
  privileged: boolean;
  /** net.ipv4.ip_local_port_range: client ports towards one address and port. */
  ports?: { low: number; high: number };
}

export interface LimitPlan {
  /** Descriptors the busiest process needs. */
  needed: number;
  action: 'ok' | 'raise' | 'refuse';
  /** For "raise": the soft and hard limits to set. */
  soft?: number;
  hard?: number;
  /** One line for the operator: what was found and what is done, or how to fix it. */
  message: string;
}

/** Descriptors for `connections` sockets, each holding `perConnection` (a proxy holds two: client and upstream). */
export function descriptorsNeeded(connections: number, perConnection = 1, reserve = RESERVE_DESCRIPTORS): number {
  return Math.ceil(connections * perConnection) + reserve;
}

/**
 * What to do about the open-file limit for `connections` sockets in one process
 * (the bench's clients; the server they connect to inherits the same limit).
 */
export function planFileLimit(connections: number, limits: FileLimits, options: { perConnection?: number; reserve?: number; command?: string } = {}): LimitPlan {
  const needed = descriptorsNeeded(connections, options.perConnection, options.reserve);
  const command = options.command ?? 'npm run bench:live';
  if (limits.ports) {
    const available = limits.ports.high - limits.ports.low + 1;
    if (connections > available) {
      return {
        needed,
        action: 'refuse',
        message:
          `${connections} connections to one address need ${connections} local ports, but net.ipv4.ip_local_port_range ` +
          `${limits.ports.low}-${limits.ports.high} offers ${available}: widen it (sysctl -w net.ipv4.ip_local_port_range="1024 65000") or open fewer`,
      };
    }
  }
  if (limits.soft >= needed) {
    return { needed, action: 'ok', message: `open-file limit ${limits.soft} covers the ${needed} descriptors needed` };
  }
  if (limits.hard >= needed) {
    return { needed, action: 'raise', soft: needed, hard: limits.hard, message: `raising the open-file soft limit ${limits.soft} -> ${needed} (hard limit ${limits.hard})` };
  }
  if (limits.privileged && limits.nrOpen >= needed) {
    return { needed, action: 'raise', soft: needed, hard: needed, message: `raising the open-file limit ${limits.soft}/${limits.hard} -> ${needed}/${needed} (soft/hard)` };
  }
  const why =
    limits.nrOpen < needed
      ? `above the kernel's fs.nr_open ${limits.nrOpen} (as root: sysctl -w fs.nr_open=${needed}, then `
      : `above the hard limit ${limits.hard}, which only a process with CAP_SYS_RESOURCE may raise (as root outside a container, or in the container's own settings, e.g. docker run --ulimit nofile=${needed}:${needed}; or `;
  return {
    needed,
    action: 'refuse',
    message: `${needed} descriptors needed, ${why}prlimit --nofile=${needed}:${needed} ${command}; or ulimit -n ${needed} in a root shell first), or run fewer subscribers`,
  };
}

/** RLIMIT_NOFILE from /proc/<pid>/limits ("Max open files  20000  20000  files"). */
export function parseOpenFileLimits(text: string): { soft: number; hard: number } {
  const line = text.split('\n').find((l) => l.startsWith('Max open files'));
  const match = line?.match(/^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/);
  if (!match) throw new Error('no "Max open files" line in /proc/self/limits');
  const value = (s: string) => (s === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(s));
  return { soft: value(match[1]!), hard: value(match[2]!) };
}

/** CAP_SYS_RESOURCE (bit 24) in the effective capabilities: root in a container often lacks it. */
export function mayRaiseHardLimit(status: string | undefined): boolean {
  const hex = status?.match(/^CapEff:\s*([0-9a-f]+)/m)?.[1];
  return hex !== undefined && (BigInt(`0x${hex}`) & (1n << 24n)) !== 0n;
}

export function readFileLimits(pid: number | 'self' = 'self'): FileLimits {
  const { soft, hard } = parseOpenFileLimits(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const nrOpen = Number(read('/proc/sys/fs/nr_open') ?? hard);
  const [low, high] = (read('/proc/sys/net/ipv4/ip_local_port_range') ?? '').split(/\s+/).map(Number);
  return {
    soft,
    hard,
    nrOpen,
    privileged: mayRaiseHardLimit(read('/proc/self/status')),
    ports: low && high ? { low, high } : undefined,
  };
}

/**
 * Makes this process's open-file limit cover `connections` sockets (children
 * started afterwards inherit it), or exits with the plan's message. Prints what it did.
 */
export function ensureFileLimit(connections: number, options: { perConnection?: number; command?: string; log?: (line: string) => void } = {}): LimitPlan {
  const log = options.log ?? ((line: string) => console.log(line));
  const plan = planFileLimit(connections, readFileLimits(), options);
  if (plan.action === 'raise') {
    try {
      execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${plan.soft}:${plan.hard}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
      console.error(`bench: cannot raise the open-file limit (${reason}); ${planFileLimit(connections, { ...readFileLimits(), privileged: false }, options).message}`);
      process.exit(2);
    }
    const after = readFileLimits();
    if (after.soft < plan.needed) {
      console.error(`bench: the open-file limit is still ${after.soft} after prlimit; ${planFileLimit(connections, { ...after, privileged: false }, options).message}`);
      process.exit(2);
    }
  }
  if (plan.action === 'refuse') {
    console.error(`bench: refusing to start: ${plan.message}`);
    process.exit(2);
  }
  log(`bench: ${plan.message}`);
  return plan;
}
