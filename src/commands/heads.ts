import * as Flags from '@oclif/core/flags';
import { GraphCommand, jsonFlag } from '../cli/graph-command.js';

export default class Heads extends GraphCommand {
  static summary = 'Show the current head revisions.';
  static examples = ['<%= config.bin %> heads', '<%= config.bin %> heads --verbose', '<%= config.bin %> heads --json'];
  static flags = {
    verbose: Flags.boolean({ char: 'v', description: 'show full entries', default: false }),
    'resolve-dependencies': Flags.boolean({ description: 'treat dependsOn as down revisions (a revision others depend on is not a head)', default: false }),
    ...jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Heads);
    await this.inspect('heads', { json: flags.json, verbose: flags.verbose, resolveDependencies: flags['resolve-dependencies'] }, flags.config);
  }
}
