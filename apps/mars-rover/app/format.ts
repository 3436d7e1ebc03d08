/** How the page writes times and sizes. */

/** `2030-01-31T09:00:00Z` → `2030-01-31 09:00:00 UTC`: stored times are UTC, and the page says so. */
export function utcTime(iso: string): string {
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

/** 15260 → `15.3 kB`. */
export function byteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
