import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TVerdict = 'met' | 'MISSED' | '';
export type TRow = { scenario: string; measure: string; hub: string; baseline: string; target: string; verdict: TVerdict };

export const formatNumber = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const formatMs = (value: number) =>
  Number.isFinite(value) ? `${value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : value.toFixed(0)} ms` : 'n/a';
export const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** 'met' when `value` is on the right side of `limit`. */
export function verdict(value: number, limit: number, direction: 'atLeast' | 'atMost'): TVerdict {
  if (!Number.isFinite(value)) return 'MISSED';
  return (direction === 'atLeast' ? value >= limit : value <= limit) ? 'met' : 'MISSED';
}

export function renderTable(rows: TRow[]): string {
  const header = ['Scenario', 'Measure', 'Order hub', 'Baseline', 'Target', ''];
  const lines = rows.map((row) => [row.scenario, row.measure, row.hub, row.baseline, row.target, row.verdict]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

/** Writes bench/results/<date>[-label].md and returns its path. */
export function writeResults(root: string, label: string, preamble: string, rows: TRow[]): string {
  const directory = join(root, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const path = join(directory, `${date}${label ? `-${label}` : ''}.md`);
  writeFileSync(path, `${preamble}\n\n${renderTable(rows)}\n`);
  return path;
}
