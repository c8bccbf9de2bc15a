// Shell completion scripts, rendered from the command tree (so they never drift from the CLI).
// bash: a table of "command path" → words, walked as the line is typed; zsh: the same through
// bashcompinit; fish: one `complete` line per path.

export interface CompletionNode {
  names: string[];
  options: string[];
  children: CompletionNode[];
}

/**
 * "program path" (aliases included) → the words that may follow it: subcommands and that command's
 * options. Keys start with the program name: bash arrays take no empty key.
 */
export function completionTable(root: CompletionNode): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const walk = (node: CompletionNode, paths: string[]) => {
    const words = [...node.children.flatMap((c) => c.names), ...node.options];
    for (const path of paths) table.set(path, words);
    for (const child of node.children) walk(child, paths.flatMap((p) => child.names.map((n) => `${p} ${n}`)));
  };
  walk(root, [root.names[0]!]);
  return table;
}

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

export function bashCompletion(program: string, root: CompletionNode, globals: string[]): string {
  const fn = `_${program.replace(/\W/g, '_')}_complete`;
  const table = [...completionTable(root)].map(([path, words]) => `  [${quote(path)}]=${quote(words.join(' '))}`).join('\n');
  return `# ${program} completion for bash (source it, or put it in /etc/bash_completion.d/${program})
declare -gA ${fn}_words=(
${table}
)
${fn}_globals=${quote(globals.join(' '))}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path=${quote(program)} next i
  for ((i = 1; i < COMP_CWORD; i++)); do
    next="$path \${COMP_WORDS[i]}"
    if [[ -n "\${${fn}_words[$next]+set}" ]]; then path="$next"; fi
  done
  COMPREPLY=($(compgen -W "\${${fn}_words[$path]} \${${fn}_globals}" -- "$cur"))
}
complete -F ${fn} ${program}
`;
}

export function zshCompletion(program: string, root: CompletionNode, globals: string[]): string {
  return `# ${program} completion for zsh (source it from ~/.zshrc)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program, root, globals).split('\n').slice(1).join('\n')}`;
}

export function fishCompletion(program: string, root: CompletionNode, globals: string[]): string {
  const lines = [`# ${program} completion for fish (save as ~/.config/fish/completions/${program}.fish)`, `complete -c ${program} -f`];
  for (const option of globals) lines.push(`complete -c ${program} -l ${option.replace(/^--/, '')}`);
  const all = root.children.flatMap((c) => c.names);
  lines.push(`complete -c ${program} -n '__fish_use_subcommand' -a ${quote(all.join(' '))}`);
  for (const noun of root.children) {
    const verbs = noun.children.flatMap((c) => c.names);
    if (verbs.length === 0) continue;
    lines.push(`complete -c ${program} -n '__fish_seen_subcommand_from ${noun.names.join(' ')}; and not __fish_seen_subcommand_from ${verbs.join(' ')}' -a ${quote(verbs.join(' '))}`);
    for (const verb of noun.children) {
      for (const option of verb.options) {
        lines.push(`complete -c ${program} -n '__fish_seen_subcommand_from ${noun.names.join(' ')}; and __fish_seen_subcommand_from ${verb.names.join(' ')}' -l ${option.replace(/^--/, '')}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
