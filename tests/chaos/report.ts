import type { TScenarioResult } from '@/tests/chaos/scenarios';

// The printed table of `npm run chaos`.

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => pad(cell, widths[column]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export function formatChaosReport(results: TScenarioResult[]): string {
  const rows = [
    ['scenario', 'webhooks', '200', 'retried', 'orders', 'lost', 'duplicated', 'gaps', 'unsettled', 'time', 'verdict'],
    ...results.map((result) => [
      `${result.id}. ${result.title}`,
      String(result.deliveries),
      String(result.answered200),
      String(result.retried),
      String(result.verdict.orders),
      String(result.verdict.lost),
      String(result.verdict.duplicated),
      String(result.verdict.gaps),
      String(result.verdict.unsettled),
      `${result.seconds} s`,
      result.held ? 'HELD' : 'BROKEN',
    ]),
  ];
  const details = results.map((result) => {
    const refusals = Object.entries(result.refusals)
      .map(([kind, count]) => `${kind}×${count}`)
      .join(', ');
    const checks = result.checks.map((check) => `    ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    return [`  ${result.id}. ${result.fault}${refusals ? ` — refused before the 200: ${refusals}` : ''}`, ...checks].join('\n');
  });
  return `${table(rows)}\n\n${details.join('\n')}\n`;
}
