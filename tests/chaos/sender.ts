// Sends webhooks over HTTP the way the platforms do: a 200 ends a delivery; a 5xx, a 429, a
// timeout or a refused connection is retried with backoff (Shopify: up to 8 times over 4 hours;
// here compressed to seconds) until it gets its 200 or the retry window closes.

/** What a 200 answer promises: this order exists, at least as fresh as `updatedAt`. */
export type TOrderPromise = { storeId: string; externalId: string; updatedAt: Date };

export type TDelivery = { path: string; headers: Record<string, string>; body: string; promise: TOrderPromise | null };

export type TDeliveryResult = {
  delivery: TDelivery;
  /** The final answer (null: never answered). */
  status: number | null;
  attempts: number;
  /** Every answer before the final one: '503', 'ECONNREFUSED', 'timeout', … */
  refusals: string[];
  firstAnsweredAt: number;
};

export type TSendOptions = {
  concurrency: number;
  /** Spreads the deliveries over time, as webhooks trickle in rather than arrive at once. */
  ratePerSecond?: number;
  retryForMs: number;
  timeoutMs?: number;
};

export type TSending = {
  progress: { started: number; answered: number; total: number };
  done: Promise<TDeliveryResult[]>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function refusalOf(error: unknown): string {
  const candidate = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (candidate?.name === 'TimeoutError' || candidate?.cause?.name === 'TimeoutError') return 'timeout';
  return candidate?.cause?.code ?? candidate?.code ?? candidate?.name ?? 'error';
}

async function deliverOne(baseUrl: string, delivery: TDelivery, options: TSendOptions): Promise<TDeliveryResult> {
  const started = Date.now();
  const refusals: string[] = [];
  let attempts = 0;
  let firstAnsweredAt = 0;
  for (;;) {
    attempts++;
    let outcome: string;
    try {
      const response = await fetch(`${baseUrl}${delivery.path}`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      await response.arrayBuffer();
      firstAnsweredAt ||= Date.now();
      if (response.status === 200) return { delivery, status: 200, attempts, refusals, firstAnsweredAt };
      if (response.status < 500 && response.status !== 429) return { delivery, status: response.status, attempts, refusals, firstAnsweredAt };
      outcome = String(response.status);
    } catch (error) {
      outcome = refusalOf(error);
    }
    refusals.push(outcome);
    if (Date.now() - started > options.retryForMs) {
      return { delivery, status: /^\d+$/.test(outcome) ? Number(outcome) : null, attempts, refusals, firstAnsweredAt };
    }
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempts, 5)) * (0.75 + Math.random() / 2));
  }
}

export function startSending(baseUrl: string, deliveries: TDelivery[], options: TSendOptions): TSending {
  const progress = { started: 0, answered: 0, total: deliveries.length };
  const results: TDeliveryResult[] = new Array(deliveries.length);
  const beganAt = Date.now();
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length) {
      const index = next++;
      if (options.ratePerSecond) {
        const due = beganAt + (index * 1000) / options.ratePerSecond;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      progress.started++;
      results[index] = await deliverOne(baseUrl, deliveries[index]!, options);
      progress.answered++;
    }
  };
  const done = Promise.all(Array.from({ length: Math.min(options.concurrency, deliveries.length) }, lane)).then(() => results);
  return { progress, done };
}

export function sendAll(baseUrl: string, deliveries: TDelivery[], options: TSendOptions): Promise<TDeliveryResult[]> {
  return startSending(baseUrl, deliveries, options).done;
}
