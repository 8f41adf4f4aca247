import { Option, type Command } from 'commander';
import { parseBoolean } from '../config/boolean.js';
import { ConfigError, ENV_SOURCES } from '../config/config.js';
import { flagName, optionsFor, type CommandName, type OptionSpec } from '../config/options.js';

/** Adds a command's options from the option table, each with its environment variable. */
export function addOptions(command: Command, name: CommandName): Command {
  const specs = optionsFor(name);
  for (const spec of specs) {
    const description = spec.defaultText === undefined ? spec.description : `${spec.description} Default: ${spec.defaultText}.`;
    command.addOption(new Option(spec.flags, description).env(spec.env));
  }
  command.hook('preAction', (_program, action) => {
    const fromEnv: Record<string, string> = {};
    const empty: string[] = [];
    for (const spec of specs) {
      const key = camelCase(flagName(spec));
      if (action.getOptionValueSource(key) !== 'env') continue;
      fromEnv[key] = spec.env;
      const value = process.env[spec.env] ?? '';
      // Commander turns a boolean flag on whenever its variable is set, even to "false".
      if (isBoolean(spec)) action.setOptionValue(key, readBoolean(spec, value));
      // An empty variable (compose's `${VAR}` of an unset one) would read as 0 or nothing.
      else if (value.trim() === '' && spec.emptyAllowed !== true) empty.push(`  ${spec.env}: is set but empty; give it a value, or unset it for the default`);
    }
    if (empty.length > 0) throw new ConfigError(`Invalid configuration:\n${empty.join('\n')}`);
    // parseConfig names the variable, not the flag, for a bad value that came from one.
    action.setOptionValue(ENV_SOURCES, fromEnv);
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
