const countFormat = new Intl.NumberFormat();

export function formatLoadedCount(loaded: number, total: number): string {
  return `${countFormat.format(loaded)} of ${countFormat.format(total)} loaded`;
}

/** Honest about paging: how many rows are in memory versus how many the server holds. */
export function MemoryCount({ loaded, total }: { readonly loaded: number; readonly total: number }) {
  return (
    <p className="memory-count" data-testid="memory-count">
      {formatLoadedCount(loaded, total)}
    </p>
  );
}
