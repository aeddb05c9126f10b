// Percentiles from the first-answer histogram of migration 012. Each bucket holds durations within 2 %
// of each other, with their count and sum; a percentile is read the way percentile_cont reads sorted
// values, with every value in a bucket standing at the bucket's mean. So it is exact when each bucket
// holds one distinct duration, and otherwise off by less than 2 % of its value.

export interface Bucket {
  bucket: number;
  n: number;
  sum: number;
}

/** Adds a bucket's count and sum into a map keyed by bucket (buckets from several rows merge). */
export function addBucket(into: Map<number, Bucket>, b: Bucket) {
  const cur = into.get(b.bucket);
  if (cur) { cur.n += b.n; cur.sum += b.sum; } else into.set(b.bucket, { ...b });
}

/** percentile_cont(p) over the histogram; null when it holds no durations. */
export function percentile(buckets: Iterable<Bucket>, p: number): number | null {
  const sorted = [...buckets].filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const lo = Math.floor(rank), hi = Math.ceil(rank);
  const at = (k: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (k < seen) return b.sum / b.n;
    }
    return sorted[sorted.length - 1].sum / sorted[sorted.length - 1].n;
  };
  const a = at(lo);
  return lo === hi ? a : a + (rank - lo) * (at(hi) - a);
}
