/**
 * The read-only graph commands (heads, history, branches, show) as plain
 * functions from options to output text, shared by their oclif commands and
 * by the fast path in src/cli/fast.ts, which answers them without loading
 * oclif (they run often, and a 10,000-revision `heads` must stay quick).
 *
 * Their output is a function of the revision files' metadata, the config,
 * the working folder (paths are shown relative to it), the options and
 * gensql's code. `runInspect` keeps the last output of each command in the
 * project's cache folder under a key of all of those, the files by path,
 * mtime and size (the loader's own rule for a file it need not read again):
 * a repeated `heads` on an unchanged history stats the files and prints,
 * without reading the loader's index or building the graph. Only output is
 * kept; a failing command stores nothing.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { defaultCacheDir, readFramedFile, writeFramedFile } from '../revision/cache.js';
import { discoverRevisionFiles, filesFingerprint } from '../revision/discover.js';
import { installedCodeHash, runtimeKey } from '../version.js';
import { note } from './timing.js';
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

const FORMAT = 'gensql-inspect-1';

let codeKey: string | null = null;

/** GENSQL_NO_INSPECT_REUSE=1 (or GENSQL_NO_CACHE=1) always builds the graph. */
export function inspectReuseDisabled(): boolean {
  return process.env.GENSQL_NO_INSPECT_REUSE === '1';
}

/**
 * Runs an inspection command in `cwd` (config found from there, or
 * `configPath`) and returns its output, reusing the stored output of an
 * identical earlier run when there is one.
 */
export async function runInspect(name: InspectName, o: InspectOptions, configPath: string | undefined, cwd: string = process.cwd()): Promise<string> {
  const config = loadConfig(cwd, configPath);
  const files = discoverRevisionFiles(config.versions, cwd);
  const cacheDir = inspectReuseDisabled() ? null : defaultCacheDir(config.root);
  const file = cacheDir ? path.join(cacheDir, `inspect-${name}.bin`) : null;
  let key = '';
  if (file) {
    // the code that reads the index and computes and prints the graph
    codeKey ??= installedCodeHash(['cli/inspect.js', 'cli/inspect.ts', 'cli/json.js', 'cli/json.ts', 'project.js', 'project.ts', 'config', 'revision']);
    const options = [o.json, o.verbose, o.rev ?? null, o.resolveDependencies, o.target ?? null];
    key = createHash('sha256')
      .update([runtimeKey(FORMAT, codeKey), name, JSON.stringify(options), cwd, JSON.stringify(config), filesFingerprint(files)].join('\0'))
      .digest('hex');
    const read = readFramedFile(file);
    const header = read?.header as { format?: unknown; key?: unknown } | undefined;
    if (read && header?.format === FORMAT && header.key === key) {
      note(`${name}: output of an identical run reused`);
      return read.body.toString('utf8');
    }
  }
  const { openProject } = await import('../project.js');
  const { graph } = await openProject({ cwd, config, files });
  const text = INSPECT[name](graph, o);
  if (file) {
    try {
      writeFramedFile(file, { format: FORMAT, key }, [Buffer.from(text, 'utf8')]);
    } catch {
      // a read-only cache folder only costs time
    }
  }
  return text;
}
