/** One signed webhook delivery, ready to send. */
export type TDelivery = { path: string; headers: Record<string, string>; body: string };

export type TLoadResult = {
  sent: number;
  /** 2xx answers. */
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  errors: number;
  /** What the errors were, e.g. "503×12, timeout×3"; empty without errors. */
  errorKinds: string;
  durationMs: number;
  /** 2xx answers per second over the run. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
};
