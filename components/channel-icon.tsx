import type { TPlatform } from '@/lib/orders/canonical-order';

const looks: Record<TPlatform, { letter: string; className: string }> = {
  shopify: { letter: 'S', className: 'bg-emerald-600' },
  woocommerce: { letter: 'W', className: 'bg-violet-600' },
  tiktok: { letter: 'T', className: 'bg-slate-900' },
};

/** A small badge per channel; `label` is the channel's translated name for screen readers. */
export function ChannelIcon({ platform, label }: { platform: TPlatform; label: string }) {
  const look = looks[platform];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-md text-xs font-bold text-white ${look.className}`}
    >
      {look.letter}
    </span>
  );
}
