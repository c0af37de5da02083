// `next build`, skipped when nothing it reads changed since the last build (shared by `npm start`
// and `npm run bench`).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { binary, root, run, say } from './bootstrap.mjs';

const buildInputs = ['app', 'lib', 'messages', 'public', 'proxy.ts', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];

/** A fingerprint of everything `next build` reads, so an unchanged checkout starts without rebuilding. */
function sourceFingerprint() {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      if (path.endsWith('generated')) return;
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(`${relative(root, path)}:${stats.size}:${stats.mtimeMs}\n`);
    }
  };
  for (const input of buildInputs) visit(join(root, input));
  return hash.digest('hex');
}

export function buildIfNeeded(env) {
  const stamp = join(root, '.next', 'order-hub-build-fingerprint');
  const fingerprint = sourceFingerprint();
  if (existsSync(join(root, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) {
    say('Build is up to date.');
    return;
  }
  say('Building the web app (next build)…');
  run(binary('next'), ['build'], { env });
  writeFileSync(stamp, fingerprint);
}
