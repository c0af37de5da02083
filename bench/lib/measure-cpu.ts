import { readdirSync, readFileSync } from 'node:fs';

// CPU time a process has used so far (user + system, from /proc). Throughput on a shared 2-core
// machine moves with whatever else runs; CPU per operation does not, so the report shows both.

const ticksPerSecond = 100;

export function cpuMilliseconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** CPU ms used so far by each process of a server on the machine (Postgres: the backends of all clients), by pid. */
function serverCpuByPid(command: 'postgres' | 'redis-server'): Map<string, number> {
  const used = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(command)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(entry, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
    } catch {
      // the process ended while being read
    }
  }
  return used;
}

/**
 * Starts counting the CPU of all processes of a server (Postgres, Redis), as countCpu does for one
 * process: what each process alive at the end used since the start (a backend that ends in
 * between, an idle pool connection closing, takes its share with it: a slight undercount).
 */
export function countServerCpu(command: 'postgres' | 'redis-server'): { perOperation: (operations: number) => number } {
  const start = serverCpuByPid(command);
  return {
    perOperation: (operations) => {
      let used = 0;
      for (const [pid, cpu] of serverCpuByPid(command)) {
        const before = start.get(pid) ?? 0;
        used += cpu >= before ? cpu - before : cpu; // less than before: a new process under a reused pid
      }
      return used / operations;
    },
  };
}

/** Starts counting; `perOperation(n)` is the CPU ms used since, divided by n. */
export function countCpu(pid: number): { perOperation: (operations: number) => number } {
  const start = cpuMilliseconds(pid);
  return { perOperation: (operations) => (cpuMilliseconds(pid) - start) / operations };
}

/** The machine's 1-minute load average: how busy the shared machine was around a figure. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
