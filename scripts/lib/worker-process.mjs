// How a worker process is started, everywhere one is (npm start, the tests, the chaos cluster, the
// bench; package.json's "worker" script repeats the flags): node itself runs scripts/worker.mjs,
// no wrapper, with its heap sized for the worker's budget of 250 MB resident.
//
// Young-generation semi-spaces of 8 MB instead of V8's 16: objects of the jobs in flight (16 at a
// time, each waiting on Postgres) outlived the longer scavenge interval, were promoted, and the old
// generation filled with garbage before a full collection (224 MB resident at peak under the
// end-to-end bench, 320 MB on a slow machine; 125-141 MB with this, at the same throughput). The
// old generation is capped at 128 MB, so the heap cannot take the worker past its budget: its
// live set is ~35 MB, and 16 webhooks of the largest size accepted (1 MiB), held at once as text
// and parsed, take ~31 MB more.
export const workerNodeFlags = ['--max-semi-space-size=8', '--max-old-space-size=128'];

/** The arguments to give process.execPath (or `node`) to run a worker. */
export const workerArgs = [...workerNodeFlags, 'scripts/worker.mjs'];
