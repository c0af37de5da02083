/**
 * A webhook as the receivers read it, however it arrived (Next.js' Request in `next dev` and the
 * tests, node:http in the web server): the raw bytes, over which signatures are computed, and the
 * headers by lower-case name, as node:http gives them.
 */
export type TWebhookDelivery = {
  body: Buffer;
  headers: Readonly<Record<string, string | string[] | undefined>>;
};

/** What a receiver answers: a status and a JSON body, plus any header the answer needs. */
export type TWebhookAnswer = { status: number; body: object; headers?: Record<string, string> };

export type TReceiveWebhook = (delivery: TWebhookDelivery) => Promise<TWebhookAnswer>;

/** One header of a delivery, or null; a repeated header reads as its values joined, as Headers.get() does. */
export function headerOf(delivery: Pick<TWebhookDelivery, 'headers'>, name: string): string | null {
  const value = delivery.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
