// `influxadm completion bash|zsh|fish`: prints a completion script built from the live command tree.

import { Command, type Option } from '../line/command.js';
import { addHelpSection } from '../format/help.js';
import { STORE_MODES } from '../config/store.js';
import { usageError } from '../errors.js';
import { bashCompletion, fishCompletion, zshCompletion, type CompletionNode, type OptionValues } from '../format/completion.js';
import { FORMATS } from '../globals.js';
import { PRODUCTS, productInfo } from '../products/registry.js';
import { writeOut } from '../stdio.js';

const SHELLS = ['bash', 'zsh', 'fish'];

/** The options whose values are a known few (or the saved profiles), wherever they appear. */
function optionValues(): OptionValues {
  return {
    '--profile': 'profiles',
    '--product': PRODUCTS,
    '--format': FORMATS,
    '--credential-store': STORE_MODES,
    '--region': PRODUCTS.flatMap((p) => productInfo(p).regions ?? []),
    '--from': ['influxctl', 'influx'],
    '--template-timeformat': ['%Y-%m-%d', '%Y-%m', '%Y'],
    '--influxdb3': ['core', 'enterprise'],
  };
}

/** Commands whose argument is the name of a saved profile. */
const TAKES_PROFILE = new Set(['profile show', 'profile use', 'profile update', 'profile delete']);

function longFlags(options: readonly Option[]): string[] {
  return options.map((o) => o.long).filter((flag): flag is string => Boolean(flag));
}

/** Long and short spellings. */
function flagsOf(options: readonly Option[]): string[] {
  return options.flatMap((o) => [o.long, o.short]).filter((flag): flag is string => Boolean(flag));
}

function tree(cmd: Command, path: string): CompletionNode {
  return {
    names: [cmd.name(), ...cmd.aliases()],
    options: longFlags(cmd.options),
    children: cmd.commands.map((sub) => tree(sub, path ? `${path} ${sub.name()}` : sub.name())),
    values: path === 'completion' ? SHELLS : undefined,
    profileArgument: TAKES_PROFILE.has(path),
    valueOptions: flagsOf(cmd.options.filter((o) => o.required || o.optional)),
    fileOptions: flagsOf(cmd.options.filter((o) => /<(path|file)>/.test(o.flags))),
    shortOptions: Object.fromEntries(cmd.options.filter((o) => o.long && o.short).map((o) => [o.long!, o.short!])),
  };
}

export function completionCommand(): Command {
  return addHelpSection(new Command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish'), [
    'Examples:',
    '  source <(influxadm completion bash)',
    '  influxadm completion zsh > ~/.influxadm.zsh   # then, in ~/.zshrc after compinit: source ~/.influxadm.zsh',
    '  influxadm completion fish > ~/.config/fish/completions/influxadm.fish',
  ].join('\n'))
    .action(function (this: Command, shell: string) {
      const root = this.parent!;
      const globals = longFlags(root.options);
      const node = { ...tree(root, ''), options: [] };
      const render = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion }[shell];
      if (!render) throw usageError(`no completion for "${shell}"; shells: ${SHELLS.join(', ')}`);
      writeOut(render(root.name(), node, globals, optionValues()));
    });
}
