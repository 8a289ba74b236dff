/**
 * Writing new revision files (`gensql revision`, `gensql merge`) from the
 * Handlebars template, on top of the right head, with Alembic's checks.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { revisionError, usageError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';
import type { Config } from '../config/config.js';
import type { RevisionGraph } from './graph.js';
import { REVISION_ID } from './module.js';
import { resolveRevisions } from './resolve.js';

export interface NewRevision {
  readonly message: string;
  readonly revId?: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
}

export const PACKAGED_TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'revision.ts.hbs');

export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/** Alembic's slug: the message's words joined by `_`, cut at a word boundary near 40 characters. */
export function slugify(message: string, max = 40): string {
  const words = message.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}_${w}` : w;
    if (next.length > max && slug) break;
    slug = next.slice(0, max);
  }
  return slug || 'revision';
}

/** The parents of a new revision: `--head` (default `head`), refusing a non-head without `--splice`. */
export function chooseParents(graph: RevisionGraph, head: string | undefined, splice: boolean): string[] {
  const ident = head ?? 'head';
  if (ident === 'base') return [];
  let ids: string[];
  try {
    ids = resolveRevisions(graph, ident);
  } catch (e) {
    if (ident === 'head' && graph.heads().length > 1) {
      throw usageError(`multiple heads are present (${graph.heads().join(', ')}); pass --head to pick the one to build on, or run 'gensql merge heads -m ...' first`);
    }
    throw e;
  }
  if (ids.length === 0) return [];
  const heads = new Set(graph.heads());
  for (const id of ids) {
    if (!heads.has(id) && !splice) {
      throw usageError(`revision ${id} is not a head revision; pass --splice to start a new branch from it`);
    }
  }
  return ids;
}

export function checkNew(graph: RevisionGraph, rev: NewRevision): string {
  const id = rev.revId ?? newRevisionId();
  if (!REVISION_ID.test(id)) throw usageError(`--rev-id must be 1 to 32 letters, digits or '_', got '${id}'`);
  if (graph.has(id)) throw usageError(`revision ${id} already exists (${graph.get(id)!.file})`);
  for (const label of rev.branchLabels) {
    if (!/^[A-Za-z0-9_]+$/.test(label)) throw usageError(`branch label '${label}' must be letters, digits or '_'`);
    if (graph.labelOwner(label) >= 0) throw usageError(`branch label '${label}' is already used by revision ${graph.idOf(graph.labelOwner(label))}`);
    if (graph.has(label)) throw usageError(`branch label '${label}' is the id of a revision`);
  }
  return id;
}

/** The revision template: the configured one (which must exist), else the project's default path, else gensql's own. */
function loadTemplate(config: Config): { file: string; text: string } {
  if (config.templateConfigured && !fs.existsSync(config.template)) {
    throw usageError(`the revision template ${config.template} (\`template\` in ${config.file}) does not exist`, { files: [config.template] });
  }
  const file = fs.existsSync(config.template) ? config.template : PACKAGED_TEMPLATE;
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/** Renders and writes the file; returns its path. */
export async function writeRevision(config: Config, graph: RevisionGraph, rev: NewRevision): Promise<{ id: string; file: string }> {
  const id = checkNew(graph, rev);
  const Handlebars = (await import('handlebars')).default;
  const hb = Handlebars.create();
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v === undefined ? null : v));
  const source = loadTemplate(config);
  const down = rev.downRevisions.length === 0 ? null : rev.downRevisions.length === 1 ? rev.downRevisions[0]! : [...rev.downRevisions];
  let text: string;
  try {
    // Handlebars compiles lazily: a broken template fails here, when it is first rendered
    text = hb.compile(source.text, { noEscape: true, strict: true })({
      message: rev.message,
      revision: id,
      revises: rev.downRevisions.length ? rev.downRevisions.join(', ') : '(base)',
      downRevision: down,
      branchLabels: rev.branchLabels.length ? [...rev.branchLabels] : null,
      dependsOn: rev.dependsOn.length ? [...rev.dependsOn] : null,
    });
  } catch (e) {
    throw usageError(`the revision template ${source.file} cannot be rendered: ${e instanceof Error ? e.message : String(e)}`, { files: [source.file] });
  }
  const nameTemplate = hb.compile(config.fileTemplate, { noEscape: true, strict: true });
  const base = nameTemplate({ rev: id, slug: slugify(rev.message) });
  if (base.includes('/') || base.includes('\\')) throw usageError(`fileTemplate must give a file name, got '${base}'`);
  const parentFile = rev.downRevisions.length ? graph.get(rev.downRevisions[0]!)?.file : undefined;
  const dir = parentFile && config.versions.includes(path.dirname(path.resolve(parentFile))) ? path.dirname(path.resolve(parentFile)) : config.versions[0]!;
  const file = path.join(dir, `${base}.ts`);
  if (fs.existsSync(file)) throw revisionError(`${file} already exists`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, text, { flag: 'wx' });
  return { id, file };
}
