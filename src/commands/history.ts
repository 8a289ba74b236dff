import * as Flags from '@oclif/core/flags';
import { GraphCommand, jsonFlag } from '../cli/graph-command.js';

export default class History extends GraphCommand {
  static summary = 'List revisions, newest first, as Alembic does.';
  static examples = [
    '<%= config.bin %> history',
    '<%= config.bin %> history -r base:head --verbose',
    '<%= config.bin %> history -r 1975ea83b712: --json',
  ];
  static flags = {
    rev: Flags.string({ char: 'r', description: 'range FROM:TO to show (default base:heads)' }),
    verbose: Flags.boolean({ char: 'v', description: 'show full entries (parents, branch labels, file, message)', default: false }),
    ...jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(History);
    await this.inspect('history', { json: flags.json, verbose: flags.verbose, rev: flags.rev, resolveDependencies: false }, flags.config);
  }
}
