/**
 * Keeping the schema model in step with raw SQL: a dialect may offer a
 * parser that turns the DDL in an `op.execute` text into ops the model
 * applies. What it cannot follow is reported as a warning, never guessed.
 */
import type { UserOp } from '../../ops/index.js';

export interface DdlResult {
  /** the schema changes the text makes, in order */
  readonly ops: readonly UserOp[];
  /** statements that may change the schema but were not understood */
  readonly warnings: readonly string[];
}

/**
 * Parses one `op.execute` text (which may hold several statements) into the
 * ops it amounts to. It sees no model: the ops are applied in order later,
 * and the model fills in what they leave out (the table of an index, ...).
 */
export type DdlParser = (sql: string) => DdlResult;

/** Loads a parser (parsers are WebAssembly or large modules: loaded only when a revision uses op.execute). */
export type DdlParserLoader = () => Promise<DdlParser>;
