/**
 * Script assembly: header, transaction statements, guard, version table,
 * `-- Running ...` comments, each revision's statements and its version
 * bookkeeping, with the dialect's terminator and batch separator. The
 * result is both the text and the sequence of chunks it was made from, so
 * validation runs exactly what the text says and can name the statement's
 * revision and op.
 */
import type { Op } from '../ops/index.js';
import type { PlanStep } from '../revision/types.js';
import type { DialectProfile, Statement } from './dialect.js';

export interface RenderedOp {
  /** e.g. `addColumn('account', 'name')`, or `version table insert 'x'` */
  readonly description: string;
  readonly statements: readonly Statement[];
  /** the recorded op itself (the review bundle replays and summarises it) */
  readonly op?: Op;
}

export interface RenderedStep {
  readonly step: PlanStep;
  readonly message: string;
  /** revision file of the step's revision (null for a stamp step) */
  readonly file: string | null;
  readonly ops: readonly RenderedOp[];
  readonly versionOps: readonly RenderedOp[];
}

export interface ScriptInput {
  readonly profile: DialectProfile;
  readonly header: readonly string[];
  readonly guard: RenderedOp;
  /** the version table create, for ranges that start at base */
  readonly versionCreate: RenderedOp | null;
  readonly steps: readonly RenderedStep[];
  readonly transactionPerMigration: boolean;
}

export type Chunk =
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'begin' }
  | { readonly kind: 'commit' }
  | {
      readonly kind: 'statement';
      readonly sql: string;
      /** index of the step in the plan; -1 for the preamble (guard, version table) */
      readonly step: number;
      readonly revision: string | null;
      readonly file: string | null;
      readonly op: string;
      readonly raw: boolean;
    };

export type StatementChunk = Extract<Chunk, { kind: 'statement' }>;

export interface Script {
  readonly text: string;
  readonly chunks: readonly Chunk[];
  readonly statementCount: number;
}

function runningLine(step: PlanStep): string {
  const verb = step.direction === 'stamp' ? 'stamp_revision' : step.direction;
  // Alembic's exact spacing: `upgrade  -> x` from base, `downgrade x -> ` to base
  return `Running ${verb} ${step.from.join(', ')} -> ${step.to.join(', ')}`;
}

export function commentLines(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text.length ? `-- ${text}` : '--';
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => (l.length ? `-- ${l}` : '--'))
    .join('\n');
}

/** Builds the chunk sequence of a script (transactions placed, CONCURRENTLY moved outside them). */
export function scriptChunks(input: ScriptInput): Chunk[] {
  const { profile } = input;
  const tx = profile.transactionalDdl;
  const chunks: Chunk[] = [];
  let open = false;
  const begin = (): void => {
    if (tx && !open) {
      chunks.push({ kind: 'begin' });
      open = true;
    }
  };
  const commit = (): void => {
    if (tx && open) {
      chunks.push({ kind: 'commit' });
      open = false;
    }
  };
  const emit = (op: RenderedOp, step: number, revision: string | null, file: string | null): void => {
    for (const s of op.statements) {
      const chunk: Chunk = { kind: 'statement', sql: s.sql, step, revision, file, op: op.description, raw: s.raw === true };
      if (s.outsideTransaction && open) {
        commit();
        chunks.push(chunk);
        begin();
      } else {
        chunks.push(chunk);
      }
    }
  };
  begin();
  const preamble = input.versionCreate && profile.guardAfterVersionTable ? [input.versionCreate, input.guard] : [input.guard, ...(input.versionCreate ? [input.versionCreate] : [])];
  for (const p of preamble) emit(p, -1, null, null);
  input.steps.forEach((s, i) => {
    if (input.transactionPerMigration && i > 0) {
      commit();
      begin();
    }
    const revision = s.step.revision;
    chunks.push({ kind: 'comment', text: `${runningLine(s.step)}${s.message ? `\n${s.message}` : ''}` });
    for (const op of s.ops) emit(op, i, revision, s.file);
    for (const op of s.versionOps) emit(op, i, revision, s.file);
  });
  commit();
  return chunks;
}

/** The text of a chunk sequence: each statement terminated, followed by the batch separator. */
export function chunksText(header: readonly string[], chunks: readonly Chunk[], profile: DialectProfile): string {
  const parts: string[] = [header.map((h) => commentLines(h)).join('\n')];
  const sep = profile.batchSeparator ? `\n\n${profile.batchSeparator}` : '';
  for (const c of chunks) {
    switch (c.kind) {
      case 'comment':
        parts.push(commentLines(c.text));
        break;
      case 'begin':
        parts.push(`${profile.beginTransaction}${profile.terminator}`);
        break;
      case 'commit':
        parts.push(`${profile.commitTransaction}${profile.terminator}${sep}`);
        break;
      case 'statement':
        parts.push(`${c.sql}${profile.terminator}${sep}`);
        break;
    }
  }
  return `${parts.join('\n\n')}\n`;
}

export function assembleScript(input: ScriptInput): Script {
  const chunks = scriptChunks(input);
  return {
    text: chunksText(input.header, chunks, input.profile),
    chunks,
    statementCount: chunks.filter((c) => c.kind === 'statement').length,
  };
}
