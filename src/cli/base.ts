/**
 * What every command shares: the --config flag, printing errors with their
 * context on stderr with the right exit code, and writing results to stdout
 * only once they are complete.
 */
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { GensqlError } from '../errors.js';

export abstract class BaseCommand extends Command {
  static baseFlags = {
    config: Flags.string({ description: 'path of gensql.config.json (default: found in the working folder or a parent)', helpGroup: 'GLOBAL' }),
  };

  /** Writes to stdout and waits until it is flushed. */
  protected async out(text: string): Promise<void> {
    if (text.length === 0) return;
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
  }

  /** Writes to stderr and waits until it is flushed (a failing command exits right after). */
  protected async err(text: string): Promise<void> {
    if (text.length === 0) return;
    await new Promise<void>((resolve, reject) => process.stderr.write(text, (e) => (e ? reject(e) : resolve())));
  }

  protected info(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof GensqlError) {
      process.stderr.write(`${err.describe()}\n`);
      process.exitCode = err.exitCode;
      return this.exit(err.exitCode);
    }
    if (err instanceof Errors.ExitError) throw err;
    if (err.oclif?.exit !== undefined || err instanceof Errors.CLIError) {
      // flag and argument parse errors: bad usage
      process.stderr.write(`error: ${err.message}\n`);
      return this.exit(2);
    }
    process.stderr.write(`internal error: ${err.stack ?? err.message}\n`);
    return this.exit(2);
  }
}
