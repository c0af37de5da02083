// A process' TypeScript as one JavaScript file: the entry and the lib code it reaches, bundled by
// esbuild (dependencies stay in node_modules). Plain node runs it: a TypeScript loader in the
// process would cost ~45 MB of memory and an esbuild service process of its own.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `entry` into dist/<name>/main.mjs (a fraction of a second) and returns its path. Several
 * processes may build at once (the chaos cluster starts its workers together): each writes its
 * own file and renames it into place, so none ever imports a half-written bundle.
 */
export async function buildBundle(entry, name) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
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
  // esbuild answers from a service process of its own; the process has no use for it afterwards.
  await stop();
  const bundle = join(root, 'dist', name, 'main.mjs');
  mkdirSync(join(root, 'dist', name), { recursive: true });
  const partial = `${bundle}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].contents);
  renameSync(partial, bundle);
  return bundle;
}
