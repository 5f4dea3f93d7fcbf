// CPU and memory figures from /proc (Linux only; every figure is null elsewhere).
//   server  : utime+stime of one process (the server under load)
//   postgres: utime+stime of every process named "postgres", plus the CPU of the backends
//             the postmaster has reaped (cutime+cstime), so the total never goes backwards;
//             it covers the whole cluster, other people's databases included
//   machine : share of non-idle time over all cores, from /proc/stat
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep the usual Linux value
}

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    // Fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const f = text.slice(close + 2).split(' ');
    return { comm: text.slice(text.indexOf('(') + 1, close), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function postgresTicks() {
  let sum = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.comm === 'postgres') {
      sum += stat.own + stat.reaped;
      found = true;
    }
  }
  return found ? sum : null;
}

function machineTicks() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** Resident set size of a process in MiB, or null. */
export function rssMiB(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

export function snapshot(serverPid) {
  return {
    server: serverPid ? (readStat(serverPid)?.own ?? null) : null,
    postgres: postgresTicks(),
    machine: machineTicks(),
    self: process.cpuUsage(),
  };
}

const round2 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);
const ms = (ticks) => (ticks * 1000) / ticksPerSecond;

/** Per-request CPU milliseconds between two snapshots, and how busy the machine was. */
export function perRequest(before, after, requests) {
  const n = Math.max(1, requests);
  const delta = (k) => (before[k] != null && after[k] != null ? after[k] - before[k] : null);
  const server = delta('server');
  const postgres = delta('postgres');
  const selfMs = (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
  const busy =
    before.machine && after.machine
      ? 1 - (after.machine.idle - before.machine.idle) / Math.max(1, after.machine.total - before.machine.total)
      : null;
  return {
    serverCpuMsPerReq: server == null ? null : round2(ms(server) / n),
    pgCpuMsPerReq: postgres == null ? null : round2(ms(postgres) / n),
    loadgenCpuMsPerReq: round2(selfMs / n),
    machineBusyPct: busy == null ? null : round2(busy * 100),
  };
}
