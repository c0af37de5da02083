// After a test run, every log it wrote is searched for secrets: the run's own keys and app
// secrets by value, and the credentials the tests create (store tokens, API keys, passwords,
// session cookies) by their shapes. A secret in a log is a failed run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Environment variables whose values are secrets. */
export const secretVariables = ['ENCRYPTION_KEY', 'ENCRYPTION_KEYS_PREVIOUS', 'BETTER_AUTH_SECRET', 'APP_DATABASE_PASSWORD', 'SHOPIFY_API_SECRET', 'TIKTOK_APP_SECRET', 'ALIEXPRESS_APP_SECRET'];

/** The shapes of the credentials the tests and fakes hand out. */
export const secretShapes = [
  { name: 'Shopify access token', pattern: /\bshpat_[A-Za-z0-9]{8,}/ },
  { name: 'API key', pattern: /\bohk_[A-Za-z0-9_-]{16,}/ },
  { name: 'WooCommerce consumer secret', pattern: /\bcs_[A-Za-z0-9]{8,}/ },
  { name: 'TikTok Shop token', pattern: /\bTT[PR]_[0-9a-f]{8,}/ },
  { name: 'AliExpress token', pattern: /\baer?_[0-9a-f]{24}\b/ },
  { name: 'test password', pattern: /\bpw-[0-9a-f]{8}-secret\b/ },
  { name: 'session cookie', pattern: /session_token=[^;\s"]{20,}/ },
];

/** What in `text` looks like a secret: the names of the variables and shapes found, with their line. */
export function findSecrets(text, env) {
  const found = [];
  const lines = text.split('\n');
  const values = secretVariables
    .flatMap((name) => (env[name] ?? '').split(',').map((value) => ({ name, value: value.trim().replace(/^[^:]+:/, '') })))
    .filter((secret) => secret.value.length >= 12);
  lines.forEach((line, index) => {
    for (const secret of values) if (line.includes(secret.value)) found.push({ what: secret.name, line: index + 1 });
    for (const shape of secretShapes) if (shape.pattern.test(line)) found.push({ what: shape.name, line: index + 1 });
  });
  return found;
}

function logFiles(directory) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return logFiles(path);
    return entry.endsWith('.log') ? [path] : [];
  });
}

/** Scans every `.log` file under the given directories. */
export function scanLogs(directories, env) {
  const findings = [];
  let files = 0;
  for (const file of directories.flatMap(logFiles)) {
    files++;
    for (const finding of findSecrets(readFileSync(file, 'utf8'), env)) findings.push({ file, ...finding });
  }
  return { files, findings };
}
