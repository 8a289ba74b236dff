/**
 * The read-only graph commands (heads, history, branches, show) as plain
 * functions from options to output text, shared by their oclif commands and
 * by the fast path in src/cli/fast.ts, which answers them without loading
 * oclif (they run often, and a 10,000-revision `heads` must stay quick).
 */
import { jsonText } from './json.js';
import type { RevisionGraph } from '../revision/graph.js';
import { describeBranches, describeHeads, describeHistory, describeShow, formatBranches, formatHeads, formatHistory, formatShow } from '../revision/describe.js';

export interface InspectOptions {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly rev?: string;
  readonly resolveDependencies: boolean;
  /** the positional argument of `show` */
  readonly target?: string;
}

export type InspectName = 'heads' | 'history' | 'branches' | 'show';

export const INSPECT: Record<InspectName, (graph: RevisionGraph, o: InspectOptions) => string> = {
  heads: (graph, o) => {
    const opts = { verbose: o.verbose, resolveDependencies: o.resolveDependencies };
    return o.json ? jsonText(describeHeads(graph, opts)) : formatHeads(graph, opts);
  },
  history: (graph, o) => (o.json ? jsonText(describeHistory(graph, o.rev)) : formatHistory(graph, { range: o.rev, verbose: o.verbose })),
  branches: (graph, o) => (o.json ? jsonText(describeBranches(graph)) : formatBranches(graph, { verbose: o.verbose })),
  show: (graph, o) => (o.json ? jsonText(describeShow(graph, o.target ?? '')) : formatShow(graph, o.target ?? '')),
};

/**
 * The flags each command accepts, for the fast path's parser (node:util
 * parseArgs). They must match the oclif commands' flags; the test
 * test/e2e/fast-path.test.ts compares the two paths' output.
 */
export const INSPECT_FLAGS: Record<InspectName, { readonly booleans: readonly string[]; readonly strings: readonly string[]; readonly shorts: Readonly<Record<string, string>>; readonly args: number }> = {
  heads: { booleans: ['verbose', 'resolve-dependencies', 'json'], strings: ['config'], shorts: { v: 'verbose' }, args: 0 },
  history: { booleans: ['verbose', 'json'], strings: ['config', 'rev'], shorts: { v: 'verbose', r: 'rev' }, args: 0 },
  branches: { booleans: ['verbose', 'json'], strings: ['config'], shorts: { v: 'verbose' }, args: 0 },
  show: { booleans: ['json'], strings: ['config'], shorts: {}, args: 1 },
};
