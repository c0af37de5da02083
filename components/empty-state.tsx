import type { ReactNode } from 'react';

/** The dashed box a list shows when it has nothing to show. */
export function EmptyState({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <p data-testid={testId} className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
      {children}
    </p>
  );
}
