// The worker as one JavaScript file: workers/main.ts and the lib code it reaches, bundled by
// esbuild (dependencies stay in node_modules). Plain node runs it: a TypeScript loader in the
// worker would cost ~45 MB of memory and an esbuild service process of its own.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const workerBundle = join(root, 'dist', 'worker', 'main.mjs');

/**
 * Bundles the worker (a fraction of a second) and returns its path. Several workers may build at
 * once (the chaos cluster starts them together): each writes its own file and renames it into
 * place, so none ever imports a half-written bundle.
 */
export async function buildWorker() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['workers/main.ts'],
    tsconfig: 'tsconfig.json',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    // Unminified, with each file's path above its code: a stack trace is readable as it is.
    legalComments: 'none',
  });
  // esbuild answers from a service process of its own; the worker has no use for it afterwards.
  await stop();
  mkdirSync(join(root, 'dist', 'worker'), { recursive: true });
  const partial = `${workerBundle}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].contents);
  renameSync(partial, workerBundle);
  return workerBundle;
}
