// The web process: Next.js' request handler for the built app (`next build` first), with the
// webhook routes answered before Next.js routes a request (lib/http/serve-web.ts). Bundled from
// the current sources like the worker, then run in this very process.
//   node scripts/web.mjs [-p port] [-H hostname]     (PORT from the environment, else 3000)
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildBundle, root } from './lib/build-bundle.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
// As `next start` does: React and Next.js load their production builds.
process.env.NODE_ENV ||= 'production';
const { serveWeb } = await import(pathToFileURL(await buildBundle('lib/http/serve-web.ts', 'web')).href);
await serveWeb({ dir: root, port: Number(values.port ?? process.env.PORT ?? 3000), hostname: values.hostname });
