import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pool } from '@/lib/db/client';
import { projectRoot } from '@/tests/support/processes';

// Helpers of the bad-input suite: every route file of the app, and the row count of every table.

/** Every route handler file under app/, as a path from the project root. */
export function listRouteFiles(directory = join(projectRoot, 'app')): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listRouteFiles(path);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [relative(projectRoot, path)] : [];
  });
}

/** Rows per table, for every table of the schema (new tables are counted without anyone listing them). */
export async function countRows(): Promise<Record<string, number>> {
  const { rows: tables } = await pool().query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const { rows } = await pool().query<{ name: string; rows: number }>(
    tables.map((table) => `SELECT '${table.tablename}' AS name, count(*)::int AS rows FROM "${table.tablename}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.rows]));
}

/** Tables whose row count differs, minus the ones a refusal may touch. */
export function changedTables(before: Record<string, number>, after: Record<string, number>, mayWrite: string[] = []): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (mayWrite.includes(name) || before[name] === after[name]) continue;
    changed[name] = `${before[name] ?? 0} → ${after[name] ?? 0}`;
  }
  return changed;
}

/** One byte past the 1 MiB webhook cap. */
export const oneMiBPlusOne = 'x'.repeat(1024 * 1024 + 1);

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
export function streamedBody(text: string): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return {
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
        offset += 64 * 1024;
      },
    }),
    duplex: 'half',
  };
}
