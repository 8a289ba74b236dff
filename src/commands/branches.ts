import * as Flags from '@oclif/core/flags';
import { GraphCommand, jsonFlag } from '../cli/graph-command.js';

export default class Branches extends GraphCommand {
  static summary = 'Show the branch points of the revision graph and where they lead.';
  static examples = ['<%= config.bin %> branches', '<%= config.bin %> branches --verbose', '<%= config.bin %> branches --json'];
  static flags = {
    verbose: Flags.boolean({ char: 'v', description: 'show full entries', default: false }),
    ...jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Branches);
    await this.inspect('branches', { json: flags.json, verbose: flags.verbose, resolveDependencies: false }, flags.config);
  }
}
