// An order's attention reason is stored as `code` or `code: detail` (the detail is the SKU list or
// the platform's own words). The dashboard translates the code and shows the detail as is.

export const attentionCodes = ['sync_failed', 'supplier_mapping_missing', 'supplier_failed', 'supplier_unconfirmed', 'tracking_push_failed'] as const;
export type TAttentionCode = (typeof attentionCodes)[number] | 'other';

export function parseAttentionReason(reason: string): { code: TAttentionCode; detail: string } {
  const separator = reason.indexOf(':');
  const code = (separator === -1 ? reason : reason.slice(0, separator)).trim();
  const detail = separator === -1 ? '' : reason.slice(separator + 1).trim();
  return (attentionCodes as readonly string[]).includes(code) ? { code: code as TAttentionCode, detail } : { code: 'other', detail: reason };
}
