/**
 * The inspection commands only need the graph: open the project (from the
 * loader's metadata cache when nothing changed, or the output of an
 * identical earlier run) and print.
 */
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from './base.js';
import { runInspect, type InspectName, type InspectOptions } from './inspect.js';

export const jsonFlag = { json: Flags.boolean({ description: 'print JSON for machines instead of text', default: false }) };

export abstract class GraphCommand extends BaseCommand {
  protected async inspect(name: InspectName, o: InspectOptions, configPath: string | undefined): Promise<void> {
    await this.out(await runInspect(name, o, configPath));
  }
}
