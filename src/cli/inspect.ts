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
