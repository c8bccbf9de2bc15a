// Shell completion scripts, rendered from the command tree (so they never drift from the CLI).
// bash: a table of "command path" → words, walked as the line is typed, and the values an option takes;
// zsh: the same through bashcompinit (compinit is the user's own .zshrc's to run); fish: one `complete`
// line per path. The scripts are fixed text (the launcher serves them pre-built): values known only at
// completion time, such as profile names, come from running the program inside the script.

export interface CompletionNode {
  names: string[];
  options: string[];
  children: CompletionNode[];
  /** Words a positional argument takes (`completion bash`). */
  values?: readonly string[];
  /** Its positional argument is a profile name. */
  profileArgument?: boolean;
  /** Its options (long and short) that take a value: the next word is that value, never a command. */
  valueOptions?: readonly string[];
  /** Those of them whose value is a file's path. */
  fileOptions?: readonly string[];
}

/** Long option → the words it takes, or `profiles` for the names of the saved profiles. */
export type OptionValues = Readonly<Record<string, readonly string[] | 'profiles'>>;

/** Calls `visit` for every node with its paths from the program (aliases included, so one node may have several). */
function forEachPath(root: CompletionNode, visit: (node: CompletionNode, paths: string[]) => void): void {
  const walk = (node: CompletionNode, paths: string[]) => {
    visit(node, paths);
    for (const child of node.children) walk(child, paths.flatMap((p) => child.names.map((n) => `${p} ${n}`)));
  };
  walk(root, [root.names[0]!]);
}

/**
 * "program path" (aliases included) → the words that may follow it: subcommands and argument values, or
 * (`options`) that command's options. Keys start with the program name: bash arrays take no empty key.
 */
export function completionTable(root: CompletionNode, options = false): Map<string, string[]> {
  const table = new Map<string, string[]>();
  forEachPath(root, (node, paths) => {
    const words = options ? node.options : [...node.children.flatMap((c) => c.names), ...(node.values ?? [])];
    for (const path of paths) table.set(path, words);
  });
  return table;
}

/** Every path (aliases included) whose positional argument is a profile name. */
function profilePaths(root: CompletionNode): string[] {
  const found: string[] = [];
  forEachPath(root, (node, paths) => {
    if (node.profileArgument) found.push(...paths);
  });
  return found;
}

/** Every option, anywhere in the tree, that takes a value; and those whose value is a path wherever they appear. */
function valueOptions(root: CompletionNode): { values: string[]; files: string[] } {
  const values = new Set<string>();
  const files = new Set<string>();
  const walk = (node: CompletionNode) => {
    for (const option of node.valueOptions ?? []) values.add(option);
    for (const option of node.fileOptions ?? []) files.add(option);
    node.children.forEach(walk);
  };
  walk(root);
  // `-f` is a file in one command and a list of fields in another: such an option gets no file names.
  const notFiles = new Set<string>();
  const spot = (node: CompletionNode) => {
    for (const option of node.valueOptions ?? []) if (!node.fileOptions?.includes(option)) notFiles.add(option);
    node.children.forEach(spot);
  };
  spot(root);
  return { values: [...values], files: [...files].filter((option) => !notFiles.has(option)) };
}

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** Prints the profile names, one a line, and nothing at all when that fails (no config yet, a bad one). */
const profileNames = (program: string) => `command ${program} profile list --quiet 2>/dev/null`;

export function bashCompletion(program: string, root: CompletionNode, globals: string[], values: OptionValues = {}): string {
  const fn = `_${program.replace(/\W/g, '_')}_complete`;
  const rows = (table: Map<string, string[]>) => [...table].map(([path, words]) => `  [${quote(path)}]=${quote(words.join(' '))}`).join('\n');
  const cases = Object.entries(values).map(([option, words]) =>
    `    ${option}) ${words === 'profiles' ? profileNames(program) : `echo ${quote(words.join(' '))}`} ;;`).join('\n');
  const profiles = profilePaths(root).map((path) => `  [${quote(path)}]=1`).join('\n');
  const takes = valueOptions(root);
  return `# ${program} completion for bash (source it, or put it in /etc/bash_completion.d/${program})
declare -gA ${fn}_words=(
${rows(completionTable(root))}
)
declare -gA ${fn}_options=(
${rows(completionTable(root, true))}
)
declare -gA ${fn}_profile_paths=(
${profiles}
)
${fn}_globals=${quote(globals.join(' '))}
# Options that take a value, space-delimited: the word after one (or after its =) is not a command;
# and those whose value is a file's path.
${fn}_value_options=${quote(` ${takes.values.join(' ')} `)}
${fn}_file_options=${quote(` ${takes.files.join(' ')} `)}
# The values option $1 takes; fails for an option that takes none we know.
${fn}_values() {
  case "$1" in
${cases}
    *) return 1 ;;
  esac
}
# \`at\` is the command path so far (not \`path\`: zsh ties that name to PATH).
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" at=${quote(program)} next i candidates
  # --flag=value: bash splits at the =.
  if [[ "$cur" == "=" ]]; then cur=""; elif [[ "$prev" == "=" && COMP_CWORD -ge 2 ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  if candidates="$(${fn}_values "$prev")"; then
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
    return
  fi
  # The value of any other option: file names for a path, nothing for the rest (a host, a duration).
  if [[ "$prev" == -* && "\${${fn}_value_options}" == *" $prev "* ]]; then
    COMPREPLY=()
    if [[ "\${${fn}_file_options}" == *" $prev "* ]]; then COMPREPLY=($(compgen -f -- "$cur")); fi
    return
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    # An option's value (\`--format table\`, \`--format = table\`) is skipped: it may spell a command.
    if [[ "\${COMP_WORDS[i]}" == -* && "\${${fn}_value_options}" == *" \${COMP_WORDS[i]} "* ]]; then
      ((i++))
      if [[ "\${COMP_WORDS[i]}" == "=" ]]; then ((i++)); fi
      continue
    fi
    next="$at \${COMP_WORDS[i]}"
    if [[ -n "\${${fn}_words[$next]+set}" ]]; then at="$next"; fi
  done
  # Options once a - is typed; before that, what comes next on the line.
  if [[ "$cur" == -* ]]; then
    candidates="\${${fn}_options[$at]} \${${fn}_globals}"
  else
    candidates="\${${fn}_words[$at]}"
    if [[ -n "\${${fn}_profile_paths[$at]+set}" ]]; then candidates="$candidates $(${profileNames(program)})"; fi
  fi
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -F ${fn} ${program}
`;
}

export function zshCompletion(program: string, root: CompletionNode, globals: string[], values: OptionValues = {}): string {
  return `# ${program} completion for zsh: source it from ~/.zshrc after compinit has run
if (( ! $+functions[compdef] )); then
  print -u2 "${program}: completion needs compinit: put 'autoload -Uz compinit && compinit' before this line in ~/.zshrc"
  return 1
fi
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program, root, globals, values).split('\n').slice(1).join('\n')}`;
}

export function fishCompletion(program: string, root: CompletionNode, globals: string[], values: OptionValues = {}): string {
  const { values: valueTaking, files } = valueOptions(root);
  // -x: takes a value and no file names; -r -F: takes a file's path. Without either, fish would offer
  // the subcommands as the value of --host.
  const takes = (option: string) => {
    const words = values[option];
    if (words === undefined) return files.includes(option) ? ' -r -F' : valueTaking.includes(option) ? ' -x' : '';
    return ` -x -a ${quote(words === 'profiles' ? `(${profileNames(program)})` : words.join(' '))}`;
  };
  const lines = [`# ${program} completion for fish (save as ~/.config/fish/completions/${program}.fish)`, `complete -c ${program} -f`];
  for (const option of globals) lines.push(`complete -c ${program} -l ${option.replace(/^--/, '')}${takes(option)}`);
  const all = root.children.flatMap((c) => c.names);
  lines.push(`complete -c ${program} -n '__fish_use_subcommand' -a ${quote(all.join(' '))}`);
  for (const noun of root.children) {
    const verbs = noun.children.flatMap((c) => c.names);
    if (noun.values) lines.push(`complete -c ${program} -n '__fish_seen_subcommand_from ${noun.names.join(' ')}' -a ${quote(noun.values.join(' '))}`);
    if (verbs.length === 0) continue;
    lines.push(`complete -c ${program} -n '__fish_seen_subcommand_from ${noun.names.join(' ')}; and not __fish_seen_subcommand_from ${verbs.join(' ')}' -a ${quote(verbs.join(' '))}`);
    for (const verb of noun.children) {
      const seen = `__fish_seen_subcommand_from ${noun.names.join(' ')}; and __fish_seen_subcommand_from ${verb.names.join(' ')}`;
      if (verb.profileArgument) lines.push(`complete -c ${program} -n '${seen}' -a ${quote(`(${profileNames(program)})`)}`);
      for (const option of verb.options) lines.push(`complete -c ${program} -n '${seen}' -l ${option.replace(/^--/, '')}${takes(option)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
