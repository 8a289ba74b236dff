/**
 * GENSQL_TIMING=1 prints how long each phase of a command took and the
 * memory in use, on stderr (for performance work; off otherwise).
 */
const on = process.env.GENSQL_TIMING === '1';
let last = performance.now();

export function mark(phase: string): void {
  if (!on) return;
  const now = performance.now();
  const m = process.memoryUsage();
  process.stderr.write(`timing: ${phase.padEnd(12)} ${(now - last).toFixed(0).padStart(5)} ms  (at ${now.toFixed(0)} ms, rss ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB)\n`);
  last = now;
}

/** A line about the run's caches and the like, under GENSQL_TIMING=1 (tests read it). */
export function note(line: string): void {
  if (on) process.stderr.write(`timing: ${line}\n`);
}
