/**
 * Errors are values with context until a command prints them. Every error a
 * user can cause carries what we know of where it happened (file, revision,
 * operation, statement) and the exit code the CLI must use:
 *   2 — bad usage, configuration or revision files (nothing rendered)
 *   1 — the script failed validation (an operation that does not apply to
 *       the schema model, or a statement an engine rejected), or `check`
 *       found problems
 */

export interface ErrorContext {
  /** revision file(s) involved, as the user would find them */
  readonly files?: readonly string[];
  readonly revision?: string;
  /** a short description of the operation, e.g. `dropColumn('account', 'name')` */
  readonly op?: string;
  readonly statement?: string;
  /** the engine that rejected a statement (validation) */
  readonly engine?: string;
}

export type ExitCode = 1 | 2;

export class GensqlError extends Error {
  readonly exitCode: ExitCode;
  readonly context: ErrorContext;

  constructor(message: string, context: ErrorContext = {}, exitCode: ExitCode = 2) {
    super(message);
    this.name = 'GensqlError';
    this.context = context;
    this.exitCode = exitCode;
  }

  /** A copy of this error with more context; fields already set win. */
  withContext(more: ErrorContext): GensqlError {
    const merged: ErrorContext = { ...more, ...definedOnly(this.context) };
    const copy = new GensqlError(this.message, merged, this.exitCode);
    copy.stack = this.stack;
    return copy;
  }

  /** The full multi-line report printed on stderr. */
  describe(): string {
    const c = this.context;
    const lines = [`error: ${this.message}`];
    if (c.files && c.files.length > 0) lines.push(`  file${c.files.length > 1 ? 's' : ''}: ${c.files.join(', ')}`);
    if (c.revision) lines.push(`  revision: ${c.revision}`);
    if (c.op) lines.push(`  operation: ${c.op}`);
    if (c.engine) lines.push(`  engine: ${c.engine}`);
    if (c.statement) lines.push(`  statement:\n${indent(c.statement, '    ')}`);
    return lines.join('\n');
  }
}

function definedOnly(c: ErrorContext): ErrorContext {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
  return out as ErrorContext;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/** Bad command-line usage or configuration (exit 2). */
export function usageError(message: string, context: ErrorContext = {}): GensqlError {
  return new GensqlError(message, context, 2);
}

/** A revision file or the revision graph is wrong (exit 2). */
export function revisionError(message: string, context: ErrorContext = {}): GensqlError {
  return new GensqlError(message, context, 2);
}

/**
 * An operation does not apply to the schema model: `dropColumn('t', 'nope')`,
 * a table created twice (exit 1: the schema-model check is part of
 * validation, and runs even with --no-validate).
 */
export function modelError(message: string, context: ErrorContext = {}): GensqlError {
  return new GensqlError(message, context, 1);
}

/**
 * An operation the dialect cannot render, or a value that cannot be written
 * as SQL (exit 2: the revision file asks for something impossible).
 */
export function renderError(message: string, context: ErrorContext = {}): GensqlError {
  return new GensqlError(message, context, 2);
}

/** A statement failed validation in an engine, or `check` failed (exit 1). */
export function validationError(message: string, context: ErrorContext = {}): GensqlError {
  return new GensqlError(message, context, 1);
}

export function isGensqlError(e: unknown): e is GensqlError {
  return e instanceof GensqlError;
}
