let shuttingDown = false;

/** Long jobs check this between steps so SIGTERM does not wait for a 60-day backfill. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

export function beginShutdown(): void {
  shuttingDown = true;
}
