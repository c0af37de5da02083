import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workerArgs, workerNodeFlags } from '@/scripts/lib/worker-process.mjs';

// Every worker starts with the same heap flags; package.json's "worker" script spells them out.
describe('the worker process', () => {
  it('is started by `npm run worker` with the flags every other start uses', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.worker).toBe(`node ${workerArgs.join(' ')}`);
  });

  it('caps the old generation and shrinks the young one', () => {
    expect(workerNodeFlags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
    expect(workerArgs.at(-1)).toBe('scripts/worker.mjs');
  });
});
