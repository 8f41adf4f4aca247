import { Option, type Command } from 'commander';
import { optionsFor, type CommandName } from '../config/options.js';

/** Adds a command's options from the option table, each with its environment variable. */
export function addOptions(command: Command, name: CommandName): Command {
  for (const spec of optionsFor(name)) {
    const description = spec.defaultText === undefined ? spec.description : `${spec.description} Default: ${spec.defaultText}.`;
    command.addOption(new Option(spec.flags, description).env(spec.env));
  }
  return command;
}
