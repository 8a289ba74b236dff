/**
 * The young-generation policy of the render and check commands
 * (src/cli/heap.ts, bin/run.js): with the growth factor bin/run.js sets, the
 * first growth takes the young generation to its working size, and once
 * held it grows no more; held early (`always`), it stays where it was.
 * Checked in fresh Node processes (V8 flags are process-wide), against the
 * built module the CLI uses.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const MB = 2 ** 20;

/** New-space sizes of a child process: after a first batch of survivors (and the hold), and after many more. */
function child(body: string): { first: number; last: number } {
  const heap = pathToFileURL(path.join(ROOT, 'dist', 'src', 'cli', 'heap.js')).href;
  const script = `
    import v8 from 'node:v8';
    import { holdYoungGeneration } from ${JSON.stringify(heap)};
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const kept = [];
    const keep = (n) => { for (let i = 0; i < n; i++) kept.push({ i, s: 'x' + i }); };
    ${body}
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { first: number; last: number };
}

describe('holding the young generation', () => {
  it('without a hold, V8 keeps growing it while survivors pile up', () => {
    const r = child(`keep(3e4); const first = young(); keep(2e6); console.log(JSON.stringify({ first, last: young() }));`);
    expect(r.last).toBeGreaterThan(r.first);
  });

  it('with the growth factor the CLI sets, the first growth reaches the working size (16 MB), and a hold keeps it there', () => {
    const r = child(`v8.setFlagsFromString('--semi-space-growth-factor=8'); keep(3e4); holdYoungGeneration(); const first = young(); keep(2e6); console.log(JSON.stringify({ first, last: young() }));`);
    expect(r.first).toBe(16 * MB);
    expect(r.last).toBe(16 * MB);
  });

  it('below the working size a plain hold waits; `always` holds where it is', () => {
    const r = child(`keep(3e4); holdYoungGeneration(); holdYoungGeneration(true); const first = young(); keep(2e6); console.log(JSON.stringify({ first, last: young() }));`);
    expect(r.first).toBeLessThan(16 * MB);
    expect(r.last).toBe(r.first);
  });
});
