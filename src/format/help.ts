// The layout of --help: what the command is and what it leads to first (usage, description, aliases,
// arguments, subcommands), then its own options, its notes and examples, and the global options last:
// they are the same on every page, so they are what a reader skips.

import type { Command, Help } from 'commander';

const SECTIONS = new WeakMap<Command, string[]>();
const MAX_TERM = 32;

/** A section of the command's help (products, examples, a note), shown between its options and the global ones. */
export function addHelpSection<C extends Command>(cmd: C, text: string): C {
  SECTIONS.set(cmd, [...(SECTIONS.get(cmd) ?? []), text.replace(/^\n+|\n+$/g, '')]);
  return cmd;
}

/** Every name of a subcommand (`database|databases|db`), then its arguments. */
export function subcommandTerm(cmd: Command): string {
  const args = cmd.registeredArguments.map((arg) => {
    const name = `${arg.name()}${arg.variadic ? '...' : ''}`;
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  return [[cmd.name(), ...cmd.aliases()].join('|'), ...args].join(' ');
}

export function formatHelp(cmd: Command, helper: Help): string {
  // A longer term gets a line of its own, so that descriptions keep room to wrap in 80 columns.
  const termWidth = Math.min(helper.padWidth(cmd, helper), MAX_TERM);
  const item = (term: string, description: string) => helper.displayWidth(term) <= termWidth
    ? helper.formatItem(term, termWidth, description, helper)
    : `  ${term}${description ? `\n${helper.formatItem('', termWidth, description, helper)}` : ''}`;
  const options = (list: ReturnType<Help['visibleOptions']>) =>
    list.map((o) => item(helper.styleOptionTerm(helper.optionTerm(o)), helper.styleOptionDescription(helper.optionDescription(o))));

  const out = [`${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`, ''];
  const description = helper.commandDescription(cmd);
  if (description) out.push(helper.boxWrap(helper.styleCommandDescription(description), helper.helpWidth ?? 80), '');
  if (cmd.aliases().length > 0) out.push(`${helper.styleTitle('Aliases:')} ${cmd.aliases().join(', ')}`, '');
  out.push(...helper.formatItemList('Arguments:', helper.visibleArguments(cmd).map((a) =>
    item(helper.styleArgumentTerm(helper.argumentTerm(a)), helper.styleArgumentDescription(helper.argumentDescription(a)))), helper));
  out.push(...helper.formatItemList('Commands:', helper.visibleCommands(cmd).map((sub) =>
    item(helper.styleSubcommandTerm(helper.subcommandTerm(sub)), helper.styleSubcommandDescription(helper.subcommandDescription(sub)))), helper));
  // The root's own options are the global options.
  out.push(...helper.formatItemList(cmd.parent ? 'Options:' : 'Global Options:', options(helper.visibleOptions(cmd)), helper));
  for (const section of SECTIONS.get(cmd) ?? []) out.push(section, '');
  if (helper.showGlobalOptions) out.push(...helper.formatItemList('Global Options:', options(helper.visibleGlobalOptions(cmd)), helper));
  return out.join('\n');
}

/**
 * `help a b --x` is `a b --x --help` (commander's own help command looks at one word only). Not with a `--`
 * in the line: the --help would come after it, an operand, and the command would run (`help -- db delete x`
 * deleted x and a database named --help); commander's help command answers such a line.
 */
export function helpAsFlag(args: readonly string[]): readonly string[] {
  return args[0] === 'help' && !args.includes('--') ? [...args.slice(1), '--help'] : args;
}
