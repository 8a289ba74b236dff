/**
 * The inspection commands only need the graph: open the project (from the
 * loader's metadata cache when nothing changed) and print.
 */
import * as Flags from '@oclif/core/flags';
import { openProject, type Project } from '../project.js';
import { BaseCommand } from './base.js';

export const jsonFlag = { json: Flags.boolean({ description: 'print JSON for machines instead of text', default: false }) };

export abstract class GraphCommand extends BaseCommand {
  protected async project(configPath: string | undefined): Promise<Project> {
    return openProject({ configPath });
  }
}
