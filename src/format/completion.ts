// Shell completion scripts, rendered from the command tree (so they never drift from the CLI).
// bash: a table of "command path" → words, walked as the line is typed, and the values an option takes;
// zsh: the same through bashcompinit (compinit is the user's own .zshrc's to run); fish: the same walk in
// a fish function, and `complete` lines that ask it where the line is. The walk, in every shell, skips an
// option's value (`--format table` must not enter the `table` command) and any word that names no
// subcommand (an argument: a profile named `db`); after `--` no word is an option, and what an option
// means is that command's (`-f` is plan's file, create table's fields). The scripts are fixed text (the
// launcher serves them pre-built): values known only at completion time, such as profile names, come from
// running the program inside the script.

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
  /** Long option → its one-letter spelling, where it has one. */
  shortOptions?: Readonly<Record<string, string>>;
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

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** Prints the profile names, one a line, and nothing at all when that fails (no config yet, a bad one). */
const profileNames = (program: string) => `command ${program} profile list --quiet 2>/dev/null`;

/** "program path" → the options (long and short) of that command that take a value (`file`: a file's path). */
function optionTable(root: CompletionNode, file: boolean): Map<string, string[]> {
  const table = new Map<string, string[]>();
  forEachPath(root, (node, paths) => {
    const options = (file ? node.fileOptions : node.valueOptions) ?? [];
    if (options.length > 0) for (const path of paths) table.set(path, [...options]);
  });
  return table;
}

export function bashCompletion(program: string, root: CompletionNode, globals: string[], values: OptionValues = {}): string {
  const fn = `_${program.replace(/\W/g, '_')}_complete`;
  const rows = (table: Map<string, string[]>) => [...table].map(([path, words]) => `  [${quote(path)}]=${quote(words.join(' '))}`).join('\n');
  const cases = Object.entries(values).map(([option, words]) =>
    `    ${option}) ${words === 'profiles' ? profileNames(program) : `echo ${quote(words.join(' '))}`} ;;`).join('\n');
  const profiles = profilePaths(root).map((path) => `  [${quote(path)}]=1`).join('\n');
  // Unquoted where it is a subscript: zsh keeps quotes in ${table['key']} as part of the key.
  const top = root.names[0]!;
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
# Each command's options that take a value (the word after one, or after its =, is not a command), and
# those whose value is a file's path; the program's own hold under every command.
declare -gA ${fn}_value_options=(
${rows(optionTable(root, false))}
)
declare -gA ${fn}_file_options=(
${rows(optionTable(root, true))}
)
${fn}_globals=${quote(globals.join(' '))}
# Does option $2 take a value (${fn}_takes_path: a file's path) in command path $1?
${fn}_takes_value() { [[ " \${${fn}_value_options[$1]} \${${fn}_value_options[${top}]} " == *" $2 "* ]]; }
${fn}_takes_path() { [[ " \${${fn}_file_options[$1]} \${${fn}_file_options[${top}]} " == *" $2 "* ]]; }
# The values option $1 takes; fails for an option that takes none we know.
${fn}_values() {
  case "$1" in
${cases}
    *) return 1 ;;
  esac
}
# The names of the files that start with $1. zsh's compgen (bashcompinit's) would glob zsh's whole word,
# which for --file=p is the flag too; a glob of our own sees the value alone.
${fn}_files() {
  local file
  COMPREPLY=()
  if [[ -n "\${BASH_VERSION-}" ]]; then
    while IFS= read -r file; do COMPREPLY+=("$file"); done < <(compgen -f -- "$1")
    compopt -o filenames 2>/dev/null
  else
    for file in "$1"*; do if [[ -e "$file" ]]; then COMPREPLY+=("$file"); fi; done
  fi
}
# \`at\` is the command path so far (not \`path\`: zsh ties that name to PATH).
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" at=${quote(top)} word next i candidates flag="" operands=""
  # --flag=value: bash splits at the = (\`--flag\` \`=\` \`value\`); zsh keeps one word, whose value is
  # completed alone and handed back with the flag in front (zsh replaces the whole word).
  if [[ "$cur" == "=" ]]; then cur=""
  elif [[ "$prev" == "=" && COMP_CWORD -ge 2 ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"
  elif [[ "$cur" == --*=* ]]; then prev="\${cur%%=*}"; flag="$prev="; cur="\${cur#*=}"
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    # An option's value (\`--format table\`, \`--format = table\`) is skipped: it may spell a command.
    # After --, every word is an operand (commands are still looked up, as the program does).
    if [[ -z "$operands" && "$word" == -* ]]; then
      if [[ "$word" == "--" ]]; then
        operands=1
      elif ${fn}_takes_value "$at" "$word"; then
        ((i++))
        if [[ "\${COMP_WORDS[i]}" == "=" ]]; then ((i++)); fi
      fi
      continue
    fi
    next="$at $word"
    if [[ -n "\${${fn}_words[$next]+set}" ]]; then at="$next"; fi
  done
  # The value of an option: its few values, file names for a path, nothing for the rest (a host, a duration).
  if [[ -n "$flag" || ( -z "$operands" && "$prev" == -* ) ]] && ${fn}_takes_value "$at" "$prev"; then
    if candidates="$(${fn}_values "$prev")"; then
      COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
    elif ${fn}_takes_path "$at" "$prev"; then
      ${fn}_files "$cur"
    else
      COMPREPLY=()
    fi
    if [[ -n "$flag" ]]; then COMPREPLY=("\${COMPREPLY[@]/#/$flag}"); fi
    return
  fi
  # --flag=… of a flag that takes no value here, or a - typed after --: nothing to offer.
  if [[ -n "$flag" || ( -n "$operands" && "$cur" == -* ) ]]; then COMPREPLY=(); return; fi
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

/** Every node with its canonical path ("tool database create": first names only). */
function forEachNode(root: CompletionNode, visit: (node: CompletionNode, path: string) => void): void {
  const walk = (node: CompletionNode, path: string) => {
    visit(node, path);
    for (const child of node.children) walk(child, `${path} ${child.names[0]}`);
  };
  walk(root, root.names[0]!);
}

export function fishCompletion(program: string, root: CompletionNode, globals: string[], values: OptionValues = {}): string {
  const name = program.replace(/\W/g, '_');
  const at = (path: string) => `-n ${quote(`__${name}_at "${path}"`)}`;
  // -x: takes a value and no file names; -r -F: takes a file's path. Without either, fish would offer
  // the subcommands as the value of --host.
  const option = (node: CompletionNode, long: string) => {
    const short = node.shortOptions?.[long];
    const spelled = `${short ? `-s ${short.replace(/^-/, '')} ` : ''}-l ${long.replace(/^--/, '')}`;
    const words = values[long];
    if (words !== undefined) return `${spelled} -x -a ${quote(words === 'profiles' ? `(${profileNames(program)})` : words.join(' '))}`;
    if (node.fileOptions?.includes(long)) return `${spelled} -r -F`;
    return node.valueOptions?.includes(long) ? `${spelled} -x` : spelled;
  };
  const steps: string[] = [];
  const takes: string[] = [];
  const lines: string[] = [];
  forEachNode(root, (node, path) => {
    for (const child of node.children) {
      steps.push(`        case ${child.names.map((n) => quote(`${path} ${n}`)).join(' ')}\n            echo ${quote(`${path} ${child.names[0]}`)}`);
    }
    // The program's own options hold under every command.
    const pattern = node === root ? '*' : path;
    if (node.valueOptions?.length) takes.push(`        case ${node.valueOptions.map((o) => quote(`${pattern} ${o}`)).join(' ')}\n            return 0`);
    const words = [...node.children.flatMap((c) => c.names), ...(node.values ?? [])];
    if (words.length > 0) lines.push(`complete -c ${program} ${at(path)} -a ${quote(words.join(' '))}`);
    if (node.profileArgument) lines.push(`complete -c ${program} ${at(path)} -a ${quote(`(${profileNames(program)})`)}`);
    if (node !== root) for (const long of node.options) lines.push(`complete -c ${program} ${at(path)} ${option(node, long)}`);
  });
  return `# ${program} completion for fish (save as ~/.config/fish/completions/${program}.fish)
complete -c ${program} -f
# The command path a word leads to from path $argv[1] (aliases lead to the first name); fails for an argument.
function __${name}_step
    switch "$argv[1] $argv[2]"
${steps.join('\n')}
        case '*'
            return 1
    end
end
# Does option $argv[2] take a value in command path $argv[1]? Then the next word is that value.
function __${name}_takes_value
    switch "$argv[1] $argv[2]"
${takes.join('\n')}
    end
    return 1
end
# The command path the line has reached, walked past options' values (\`--format table\` is no command)
# and arguments; after --, no word is an option.
function __${name}_path
    set -l at ${quote(root.names[0]!)}
    set -l skip
    set -l operands
    for word in (commandline -opc)[2..-1]
        if set -q skip[1]
            set -e skip
            continue
        end
        if not set -q operands[1]; and string match -q -- '-*' $word
            if test "$word" = --
                set operands 1
            else if __${name}_takes_value $at $word
                set skip 1
            end
            continue
        end
        set -l next (__${name}_step $at $word); and set at $next
    end
    echo $at
end
# Is the line at one of these command paths? Every completion line asks, so the walk is done once a line.
function __${name}_at
    set -l line (commandline -pc)
    if test "$line" != "$__${name}_line"
        set -g __${name}_line $line
        set -g __${name}_here (__${name}_path)
    end
    contains -- $__${name}_here $argv
end
${globals.map((long) => `complete -c ${program} ${option(root, long)}`).join('\n')}
${lines.join('\n')}
`;
}
