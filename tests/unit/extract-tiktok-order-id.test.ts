import { describe, expect, it } from 'vitest';
import { extractTikTokOrderId } from '@/lib/platforms/shopify/extract-tiktok-order-id';

const id = '576461413038785752';

describe('extractTikTokOrderId', () => {
  it('finds the id in each connector style', () => {
    expect(extractTikTokOrderId({ source_name: 'tiktok', source_identifier: id })).toBe(id);
    expect(extractTikTokOrderId({ note_attributes: [{ name: 'TikTok Order ID', value: id }] })).toBe(id);
    expect(extractTikTokOrderId({ note_attributes: [{ name: 'tts_order_id', value: `#${id}` }] })).toBe(id);
    expect(extractTikTokOrderId({ tags: `vip, TikTok-${id}` })).toBe(id);
    expect(extractTikTokOrderId({ tags: `TTS Order ID: ${id}` })).toBe(id);
    expect(extractTikTokOrderId({ name: `#TT${id}` })).toBe(id);
    expect(extractTikTokOrderId({ source_name: 'TikTok Shop', name: `#${id}` })).toBe(id);
  });

  it('never takes an ordinary long number without a TikTok signal', () => {
    expect(extractTikTokOrderId({ source_name: 'web', source_identifier: id })).toBeNull();
    expect(extractTikTokOrderId({ note_attributes: [{ name: 'Gift message', value: id }] })).toBeNull();
    expect(extractTikTokOrderId({ tags: id, name: `#${id}` })).toBeNull();
    expect(extractTikTokOrderId({ note_attributes: [{ name: 'TikTok Order ID', value: '12345' }] })).toBeNull();
  });
});
