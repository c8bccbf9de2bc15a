// `influxadm completion bash|zsh|fish`: prints a completion script built from the live command tree.

import { Command, type Option } from 'commander';
import { addHelpSection } from '../format/help.js';
import { usageError } from '../errors.js';
import { bashCompletion, fishCompletion, zshCompletion, type CompletionNode } from '../format/completion.js';

function longFlags(options: readonly Option[]): string[] {
  return options.map((o) => o.long).filter((flag): flag is string => Boolean(flag));
}

function tree(cmd: Command): CompletionNode {
  return {
    names: [cmd.name(), ...cmd.aliases()],
    options: longFlags(cmd.options),
    children: cmd.commands.map(tree),
  };
}

export function completionCommand(): Command {
  return addHelpSection(new Command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish'), '\nExamples:\n  source <(influxadm completion bash)\n  influxadm completion fish > ~/.config/fish/completions/influxadm.fish')
    .action(function (this: Command, shell: string) {
      const root = this.parent!;
      const globals = longFlags(root.options);
      const node = { ...tree(root), options: [] };
      const render = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion }[shell];
      if (!render) throw usageError(`no completion for "${shell}"; shells: bash, zsh, fish`);
      process.stdout.write(render(root.name(), node, globals));
    });
}
