#!/usr/bin/env node
// Memory: V8 keeps doubling its young generation while a run allocates many
// objects that survive, as rendering a long history does. For the render
// commands, keeping it at its initial size cut the peak of a 10,000-revision
// render by ~20 MB at no measurable cost in time (npm run bench); `heads`,
// which mostly parses the cached index, was slower with it, so it is left out.
// Set before anything is compiled, so the revisions' V8 code cache (written
// by the render commands) is made and read under the same flags.
import { setFlagsFromString } from 'node:v8';
if (['upgrade', 'downgrade', 'stamp'].includes(process.argv[2] ?? '')) setFlagsFromString('--semi-space-growth-factor=1');
// --help, the read-only graph commands and the render commands are answered
// without loading oclif (src/cli/fast.ts); everything else is oclif's.
const { fastPath } = await import('../dist/src/cli/fast.js');
if (!(await fastPath(process.argv.slice(2)))) {
  const { execute } = await import('@oclif/core/execute');
  await execute({ dir: import.meta.url });
}
