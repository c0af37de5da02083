// The worker process: bundles workers/main.ts from the current sources, then runs the bundle in
// this very process (no wrapper: a signal sent to this pid reaches the worker itself).
import { pathToFileURL } from 'node:url';
import { buildBundle } from './lib/build-bundle.mjs';

await import(pathToFileURL(await buildBundle('workers/main.ts', 'worker')).href);
