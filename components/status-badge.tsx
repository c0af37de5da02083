import type { TOrderStatus } from '@/lib/orders/canonical-order';

const colors: Record<TOrderStatus, string> = {
  pending: 'bg-amber-100 text-amber-800',
  paid: 'bg-sky-100 text-sky-800',
  partially_fulfilled: 'bg-indigo-100 text-indigo-800',
  fulfilled: 'bg-emerald-100 text-emerald-800',
  cancelled: 'bg-slate-200 text-slate-700',
  refunded: 'bg-rose-100 text-rose-800',
};

export function StatusBadge({ status, label }: { status: TOrderStatus; label: string }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${colors[status]}`}>{label}</span>;
}
