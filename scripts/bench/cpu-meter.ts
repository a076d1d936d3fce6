/**
 * Where a round's CPU went, read from Linux's `/proc`: the whole machine, PostgreSQL's processes, the
 * server under test, and the load generator (this process and the children it waited for: wrk, pgbench).
 * On a 2-core machine they share the cores, so a ledger that misses its goal is explained by whose
 * microseconds a transaction costs, not by a guess.
 */
import { readdirSync, readFileSync } from 'node:fs';

const tick = 1e4; // µs per clock tick: USER_HZ is 100 on Linux

/** The machine's CPU time spent so far, µs: every core's user, system and interrupt time (`/proc/stat`). */
function busyMicros(): number {
  const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split(/\s+/, 8).map(Number);
  return (user! + nice! + system! + irq! + softirq!) * tick;
}

/** A process's fields after its `(comm)`, and its comm; undefined once it has exited. */
function statOf(pid: string | number): { comm: string; fields: number[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      fields: stat
        .slice(close + 2)
        .split(' ')
        .map(Number),
    };
  } catch {
    return undefined;
  }
}

/** utime + stime (+ cutime + cstime: the children it reaped), µs. Fields are counted from `state` (`proc(5)`). */
function processMicros(pid: string | number, withChildren: boolean): number {
  const f = statOf(pid)?.fields;
  if (!f) return 0;
  return (f[11]! + f[12]! + (withChildren ? f[13]! + f[14]! : 0)) * tick;
}

/**
 * Every `postgres` process on this machine, with the children it reaped: a backend that exits during
 * the round (pgbench's, at its end) moves its time into the postmaster's, so none is lost or counted twice.
 * 0 when the server runs elsewhere.
 */
function postgresMicros(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (pid.charCodeAt(0) > 57) continue; // not a process directory
    if (statOf(pid)?.comm === 'postgres') total += processMicros(pid, true);
  }
  return total;
}

function snapshot(serverPid: number | undefined) {
  return {
    cpu: busyMicros(),
    postgresCpu: postgresMicros(),
    serverCpu: serverPid === undefined ? 0 : processMicros(serverPid, false),
    generatorCpu: processMicros(process.pid, true),
  };
}

/**
 * Starts metering; `stop(count)` answers each figure in µs per transaction: `cpu` (the machine),
 * `postgresCpu`, `serverCpu` (0 without `serverPid`) and `generatorCpu`.
 */
export function cpuMeter(serverPid?: number) {
  const before = snapshot(serverPid);
  return {
    stop(count: number) {
      const after = snapshot(serverPid);
      const per = (key: keyof typeof before) => (after[key] - before[key]) / count;
      return {
        cpu: per('cpu'),
        postgresCpu: per('postgresCpu'),
        serverCpu: per('serverCpu'),
        generatorCpu: per('generatorCpu'),
      };
    },
  };
}
