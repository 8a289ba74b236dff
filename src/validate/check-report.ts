/**
 * What `gensql check` found, as data (`--json`: one document for CI) and as
 * text for a person.
 */
import type { EngineKind } from './engine.js';

export interface Finding {
  /** errors fail the check (exit 1); warnings are lint findings */
  readonly severity: 'error' | 'warning';
  readonly kind:
    | 'engine-error'
    | 'model-error'
    | 'downgrade-mismatch'
    | 'no-downgrade'
    | 'multiple-heads'
    | 'not-checked';
  readonly revision?: string;
  readonly file?: string;
  readonly op?: string;
  readonly statement?: string;
  readonly engine?: string;
  readonly message: string;
  /** schema differences, one per line: `+ key: value` left behind, `- key: value` missing, `~ key: a -> b` changed */
  readonly difference?: readonly string[];
}

export interface RevisionResult {
  readonly revision: string;
  readonly file: string;
  readonly message: string;
  /** skipped: not checked because an earlier revision could not be upgraded */
  readonly status: 'ok' | 'failed' | 'warning' | 'skipped';
  readonly findings: readonly Finding[];
}

export interface NotCheckedStatement {
  readonly revision: string | null;
  readonly file: string | null;
  readonly op: string;
  readonly statement: string;
  readonly reason: string;
}

export interface CheckReport {
  /** no error finding */
  readonly ok: boolean;
  readonly range: string;
  readonly dialect: string;
  readonly engine: { readonly name: string; readonly label: string; readonly kind: EngineKind };
  /** where schemas were read for the comparisons */
  readonly comparedIn: 'engine catalog' | 'schema model';
  /** in upgrade order */
  readonly revisions: readonly RevisionResult[];
  /** every finding, those of revisions included */
  readonly findings: readonly Finding[];
  readonly statements: { readonly checked: number; readonly notChecked: readonly NotCheckedStatement[] };
}

const NOT_CHECKED_LIMIT = 10;

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function findingText(f: Finding): string {
  const lines = [f.message];
  if (f.statement) lines.push(`statement:\n${indent(f.statement, '  ')}`);
  if (f.difference) lines.push(...f.difference);
  return lines.join('\n');
}

/** The report for a terminal: one line per revision, details under the ones with findings, then a summary. */
export function formatCheckReport(r: CheckReport): string {
  const out: string[] = [];
  const how =
    r.comparedIn === 'engine catalog'
      ? `schemas read back from ${r.engine.label}`
      : `schemas compared in gensql's schema model, ${r.engine.kind === 'none' ? `statements not run (${r.engine.label})` : `statements ${r.engine.kind === 'parses' ? 'parsed' : 'run'} by ${r.engine.label}`}`;
  out.push(`check ${r.range} (${r.dialect}): ${r.revisions.length} revision${r.revisions.length === 1 ? '' : 's'}, ${how}`);
  const width = Math.max(8, ...r.revisions.map((v) => v.revision.length));
  for (const v of r.revisions) {
    const label = { ok: 'ok', failed: 'FAILED', warning: 'warning', skipped: 'skipped' }[v.status];
    out.push(`  ${label.padEnd(8)} ${v.revision.padEnd(width)}  ${v.message.split(/\r?\n/)[0]}`);
    for (const f of v.findings) out.push(indent(findingText(f), '             '));
  }
  // not-checked statements have their own lines below
  const general = r.findings.filter((f) => f.kind !== 'not-checked' && !r.revisions.some((v) => v.findings.includes(f)));
  for (const f of general) out.push(`${f.severity === 'error' ? 'error' : 'lint'}: ${indent(findingText(f), '  ').trimStart()}`);
  const nc = r.statements.notChecked;
  out.push(`statements: ${r.statements.checked} checked, ${nc.length} not checked by ${r.engine.label}`);
  const listed = r.engine.kind === 'none' ? [] : nc.slice(0, NOT_CHECKED_LIMIT);
  for (const n of listed) out.push(`  not checked: ${n.revision ? `${n.file}: revision ${n.revision}: ` : ''}${n.op}: ${n.reason}`);
  if (listed.length > 0 && nc.length > NOT_CHECKED_LIMIT) out.push(`  ... and ${nc.length - NOT_CHECKED_LIMIT} more`);
  const failed = r.revisions.filter((v) => v.status === 'failed').length;
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const warned = warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  out.push(
    r.ok
      ? `ok: every downgrade checked restores the schema${warned ? ` (${warned})` : ''}`
      : `FAILED: ${errors} error${errors === 1 ? '' : 's'}${failed ? ` in ${failed} revision${failed === 1 ? '' : 's'}` : ''}${warned ? `, ${warned}` : ''}`,
  );
  return `${out.join('\n')}\n`;
}
