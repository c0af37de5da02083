import { getTranslations } from 'next-intl/server';
import { parseAttentionReason } from '@/lib/orders/attention-reason';

/** Why an order needs attention, in the viewer's language. */
export async function AttentionReason({ reason, className }: { reason: string; className?: string }) {
  const t = await getTranslations('attention');
  const { code, detail } = parseAttentionReason(reason);
  return (
    <span className={className} data-testid="attention-reason">
      {t(code, { detail })}
    </span>
  );
}
