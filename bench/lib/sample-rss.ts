import { readdirSync, readFileSync } from 'node:fs';

// Peak resident memory of a process and its descendants (in case one forks), read
// from /proc a few times a second. Linux only, like the machines this runs on.

function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

function residentBytes(pid: string): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function treeResidentBytes(rootPid: number): number {
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  const children = new Map<string, string[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const pending = [String(rootPid)];
  while (pending.length) {
    const pid = pending.pop()!;
    total += residentBytes(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

export type TRssSampler = { peakBytes: () => number; stop: () => number };

/** Samples every `intervalMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, intervalMs = 250): TRssSampler {
  let peak = treeResidentBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeResidentBytes(pid));
  }, intervalMs);
  return {
    peakBytes: () => peak,
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeResidentBytes(pid));
    },
  };
}
