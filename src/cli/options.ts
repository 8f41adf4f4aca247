import { Option, type Command } from 'commander';
import { parseBoolean } from '../config/boolean.js';
import { ConfigError } from '../config/config.js';
import { flagName, optionsFor, type CommandName, type OptionSpec } from '../config/options.js';

/** Adds a command's options from the option table, each with its environment variable. */
export function addOptions(command: Command, name: CommandName): Command {
  const specs = optionsFor(name);
  for (const spec of specs) {
    const description = spec.defaultText === undefined ? spec.description : `${spec.description} Default: ${spec.defaultText}.`;
    command.addOption(new Option(spec.flags, description).env(spec.env));
  }
  // Commander turns a boolean flag on whenever its variable is set, even to "false".
  command.hook('preAction', (_program, action) => {
    for (const spec of specs.filter(isBoolean)) {
      const key = camelCase(flagName(spec));
      if (action.getOptionValueSource(key) === 'env') action.setOptionValue(key, readBoolean(spec, process.env[spec.env] ?? ''));
    }
  });
  return command;
}

function isBoolean(spec: OptionSpec): boolean {
  return !spec.flags.includes('<') && !spec.flags.includes('[');
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function readBoolean(spec: OptionSpec, value: string): boolean {
  const parsed = parseBoolean(value);
  if (parsed === undefined) {
    throw new ConfigError(`Invalid configuration:\n  ${spec.env}: "${value}" is not a boolean; use true or false`);
  }
  return parsed;
}
