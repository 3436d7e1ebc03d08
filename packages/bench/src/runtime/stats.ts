/** The few statistics the report needs: median/min/max of repeated runs, percentiles of latencies. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  runs: number[];
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("spread() needs at least one value");
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentileOfSorted(sorted, 50), min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: [...values] };
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile() needs at least one value");
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Jobs per second for `jobs` done in `ms` milliseconds. */
export function perSecond(jobs: number, ms: number): number {
  return jobs / (ms / 1000);
}
