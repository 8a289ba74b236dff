#!/usr/bin/env node
// The commands that render or check a history let V8's young generation grow
// once, to 8 MB, and then hold it there (src/cli/heap.ts): far fewer
// garbage-collector pauses for a little memory. Set first, before anything
// is compiled or allocated.
import { setFlagsFromString } from 'node:v8';
if (['upgrade', 'downgrade', 'stamp', 'check'].includes(process.argv[2] ?? '')) setFlagsFromString('--semi-space-growth-factor=8');
// --help, the read-only graph commands and the render commands are answered
// without loading oclif (src/cli/fast.ts); everything else is oclif's.
const { fastPath } = await import('../dist/src/cli/fast.js');
if (!(await fastPath(process.argv.slice(2)))) {
  const { execute } = await import('@oclif/core/execute');
  await execute({ dir: import.meta.url });
}
