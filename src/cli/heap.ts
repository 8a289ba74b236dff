/**
 * V8's young generation for the commands that render or check a history.
 *
 * A render keeps most of what it allocates (ops, the schema model, the
 * statements) until the script is written, and V8 copies every surviving
 * object once or twice before it reaches the old generation. With the
 * young generation at its initial 1 MB semi-spaces, a 10,000-revision render
 * ran 210 scavenges (~240 ms of pauses); with 8 MB semi-spaces, 29 (~150 ms)
 * for 11 MB more peak memory. V8's default growth, on to 16 MB, saves little
 * more and costs 11 MB again (measured with --trace-gc-nvp; npm run bench).
 *
 * V8 reads its size flags only when the process starts, but its growth
 * factor at every collection. So bin/run.js sets a growth factor of 8 for
 * these commands — the first growth, while gensql's own modules load, goes
 * from 1 MB straight to 8 MB — and the command holds the size once it is
 * there (or, should it not have grown yet, once the revision files are
 * loaded). The revisions' V8 code cache is made and read after that point,
 * so both see the same flags.
 */
import v8 from 'node:v8';

/** The young generation's working size: two 8 MB semi-spaces. */
const WORKING_SIZE = 16 * 2 ** 20;

let held = false;

function youngSize(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/** Stops the young generation growing: now if it has reached its working size (or `always`), else not yet. */
export function holdYoungGeneration(always = false): void {
  if (held || (!always && youngSize() < WORKING_SIZE)) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
}
