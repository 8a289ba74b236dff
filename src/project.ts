/**
 * A project: its config, revision files and revision graph — all that the
 * inspection commands need, without the rendering machinery (kept out of
 * this module's imports so `heads` and `history` start fast).
 */
import { loadConfig, type Config } from './config/config.js';
import { RevisionGraph } from './revision/graph.js';
import { defaultCacheDir } from './revision/cache.js';
import { RevisionSource } from './revision/load.js';
import type { RevisionFile } from './revision/discover.js';
import { mark } from './cli/timing.js';

export interface Project {
  readonly cwd: string;
  readonly config: Config;
  readonly source: RevisionSource;
  readonly graph: RevisionGraph;
}

export interface OpenOptions {
  readonly cwd?: string;
  readonly configPath?: string;
  /** the config, when the caller has already read it (then configPath is not used) */
  readonly config?: Config;
  /** the revision files of config.versions, when the caller has already discovered them */
  readonly files?: readonly RevisionFile[];
  readonly onProgress?: (done: number, total: number) => void;
  /** called once the revision files are loaded, before the graph is built */
  readonly afterLoad?: () => void;
}

/** Config, revision files and graph. */
export async function openProject(opts: OpenOptions = {}): Promise<Project> {
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? loadConfig(cwd, opts.configPath);
  const source = await RevisionSource.open(config.versions, { cwd, cacheDir: defaultCacheDir(config.root), onProgress: opts.onProgress, files: opts.files });
  mark('load');
  opts.afterLoad?.();
  const graph = RevisionGraph.build(source.metas);
  mark('graph');
  return { cwd, config, source, graph };
}
