import * as Flags from '@oclif/core/flags';
import { GraphCommand, jsonFlag } from '../cli/graph-command.js';
import { INSPECT } from '../cli/inspect.js';

export default class Branches extends GraphCommand {
  static summary = 'Show the branch points of the revision graph and where they lead.';
  static examples = ['<%= config.bin %> branches', '<%= config.bin %> branches --verbose', '<%= config.bin %> branches --json'];
  static flags = {
    verbose: Flags.boolean({ char: 'v', description: 'show full entries', default: false }),
    ...jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Branches);
    const { graph } = await this.project(flags.config);
    await this.out(INSPECT.branches(graph, { json: flags.json, verbose: flags.verbose, resolveDependencies: false }));
  }
}
