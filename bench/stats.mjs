// Summary statistics for benchmark runs (shared by the page and the Node driver).

/** Median of `xs`. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, 10th and 90th percentiles, extremes and count of `xs`. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: median(s), p10: q(0.1), p90: q(0.9), min: s[0], max: s.at(-1), runs: s.length };
}
