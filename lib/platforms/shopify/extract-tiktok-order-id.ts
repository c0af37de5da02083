// Shopify orders that TikTok Shop's channel apps create carry the TikTok order id somewhere:
// source_identifier, a note attribute, a tag or the order name, depending on the connector.
// Each extractor below knows one style. A match needs a TikTok signal next to the id, so an
// ordinary long number is never mistaken for a TikTok order.

type TShopifyOrderFields = {
  source_name?: string | null;
  source_identifier?: string | null;
  name?: string | null;
  tags?: string | null;
  note_attributes?: Array<{ name?: unknown; value?: unknown }> | null;
};

const tiktokOrderId = /(?<!\d)(\d{15,20})(?!\d)/;
const tiktokWord = /tik\s*tok|(?:^|[^a-z])tts(?:[^a-z]|$)/i;

type TExtractor = (order: TShopifyOrderFields) => string | null;

const fromSourceIdentifier: TExtractor = (order) => {
  if (!tiktokWord.test(order.source_name ?? '')) return null;
  return order.source_identifier?.match(tiktokOrderId)?.[1] ?? null;
};

const fromNoteAttributes: TExtractor = (order) => {
  for (const attribute of order.note_attributes ?? []) {
    const name = String(attribute?.name ?? '');
    if (!tiktokWord.test(name) || !/order/i.test(name)) continue;
    const match = String(attribute?.value ?? '').match(tiktokOrderId);
    if (match) return match[1]!;
  }
  return null;
};

const fromTags: TExtractor = (order) => {
  for (const tag of (order.tags ?? '').split(',')) {
    const match = tag.trim().match(/^(?:tik\s*tok|tts)[\s_:#-]*(?:order)?[\s_:#-]*(?:id)?[\s_:#-]*(\d{15,20})$/i);
    if (match) return match[1]!;
  }
  return null;
};

const fromName: TExtractor = (order) => {
  const name = order.name ?? '';
  const prefixed = name.match(/(?:tik\s*tok|tts|tt)[\s_:#-]*(\d{15,20})(?!\d)/i);
  if (prefixed) return prefixed[1]!;
  if (tiktokWord.test(order.source_name ?? '')) return name.match(/^#?(\d{15,20})$/)?.[1] ?? null;
  return null;
};

const extractors: TExtractor[] = [fromSourceIdentifier, fromNoteAttributes, fromTags, fromName];

/** The TikTok Shop order id a Shopify order was created from, or null. */
export function extractTikTokOrderId(order: TShopifyOrderFields): string | null {
  for (const extract of extractors) {
    const id = extract(order);
    if (id) return id;
  }
  return null;
}
