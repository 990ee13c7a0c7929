// Sorting by score then name (part of the OCM placement simulator; see placement.ts).
import { ClusterRec } from './prepared-state';

export const IDX_BITS = 2 ** 22;

/**
 * Positions 0..n-1 ordered by total descending, then position ascending (positions follow cluster
 * name order, so this is upstream's "score desc, name asc"). Uses a numeric sort of packed keys.
 */
export function sortOrder(totals: Float64Array): Int32Array {
  const n = totals.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (totals[i] < min) min = totals[i];
    if (totals[i] > max) max = totals[i];
  }
  const order = new Int32Array(n);
  if (n === 0 || min === max) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  const range = max - min;
  if (Number.isInteger(max) && Number.isInteger(min) && range <= 4 * n + 4096) {
    // Counting sort on (max - total): stable, so equal totals keep name order.
    const counts = new Int32Array(range + 2);
    for (let i = 0; i < n; i++) counts[max - totals[i] + 1]++;
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    for (let i = 0; i < n; i++) order[counts[max - totals[i]]++] = i;
    return order;
  }
  if (n < IDX_BITS && (range + 1) * IDX_BITS < Number.MAX_SAFE_INTEGER && Number.isInteger(max) && Number.isInteger(min)) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (max - totals[i]) * IDX_BITS + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i] % IDX_BITS;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => totals[b] - totals[a] || a - b);
}

/** Sorts clusters by index (= name order) in place, skipping the work when already sorted. */
export function sortByIdx(list: ClusterRec[], all: readonly ClusterRec[]): void {
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1].idx > list[i].idx) {
      const idx = new Int32Array(list.length);
      for (let j = 0; j < list.length; j++) idx[j] = list[j].idx;
      idx.sort();
      for (let j = 0; j < list.length; j++) list[j] = all[idx[j]];
      return;
    }
  }
}
