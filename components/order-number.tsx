/** The Order Center number; a suffixed one (#1001-2) gets a badge so collisions stand out. */
export function OrderNumber({ number, sourceNumber, suffixLabel }: { number: string; sourceNumber: string; suffixLabel: string }) {
  const isSuffixed = number !== `#${sourceNumber}`;
  return (
    <span className="inline-flex items-center gap-1.5 font-medium tabular-nums" dir="ltr">
      {number}
      {isSuffixed ? (
        <span title={suffixLabel} className="rounded bg-amber-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-800">
          {suffixLabel}
        </span>
      ) : null}
    </span>
  );
}
