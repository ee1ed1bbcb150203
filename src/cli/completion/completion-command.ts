import { UsageError, type Command } from '../io.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const USAGE = `Usage: kubeward completion ${SHELLS.join('|')}

Prints a shell completion script for kubeward's commands, subcommands, options and option values.
  bash:  source <(kubeward completion bash)          (e.g. in ~/.bashrc)
  zsh:   kubeward completion zsh > "\${fpath[1]}/_kubeward"   (or: source <(kubeward completion zsh))
  fish:  kubeward completion fish > ~/.config/fish/completions/kubeward.fish

Options:
  -h, --help  show this help`;

/** What completion knows of one command, read from its usage text (the usage is the single source of its options). */
interface CommandCompletion { readonly name: string; readonly summary: string; readonly subcommands: readonly string[]; readonly options: readonly OptionCompletion[] }

/** `values`: what the usage enumerates (`--format table|json`, or a description such as "table (default), json"). */
interface OptionCompletion { readonly long: string; readonly short?: string; readonly takesValue: boolean; readonly values: readonly string[] }

const WORD = /^[a-z0-9][a-z0-9.-]*$/;
// An options-table line: "  -f, --format FORMAT   description" or "      --no-config   description".
const TABLE_LINE = /^\s+(?:-([a-zA-Z]), )?\s*--([a-z][a-z0-9-]*)(?: ([A-Z][^\s]*|[a-z0-9.]+(?:\|[a-z0-9.]+)+))?(?:\s{2,}(.*))?$/;

/** The alternatives a description lists ("restricted (default), baseline, privileged", "debug, info, warn or error"), if it is only such a list. */
function enumeratedValues(description: string): string[] {
  for (const segment of description.split(/[:;]/)) {
    const words = segment.replace(/\([^)]*\)/g, ' ').trim().split(/\s*,\s*(?:or\s+)?|\s+or\s+/);
    if (words.length >= 2 && words.every((word) => WORD.test(word))) return words;
  }
  return [];
}

function describeCommand(command: Command): CommandCompletion {
  const usage = command.usage;
  const options = new Map<string, { short?: string; takesValue: boolean; values: string[] }>();
  const option = (long: string): { short?: string; takesValue: boolean; values: string[] } => {
    let entry = options.get(long);
    if (entry === undefined) options.set(long, (entry = { takesValue: false, values: [] }));
    return entry;
  };
  for (const match of usage.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)(?:[ =]([a-z0-9.]+(?:\|[a-z0-9.]+)+|[A-Z][A-Z0-9_./,|-]*))?/g)) {
    const entry = option(match[1] as string);
    const value = match[2];
    if (value === undefined) continue;
    entry.takesValue = true;
    if (/^[a-z]/.test(value) && entry.values.length === 0) entry.values = value.split('|');
  }
  for (const line of usage.split('\n')) {
    const match = TABLE_LINE.exec(line);
    if (match === null) continue;
    const entry = option(match[2] as string);
    if (match[1] !== undefined) entry.short = match[1];
    if (match[3] !== undefined) {
      entry.takesValue = true;
      if (entry.values.length === 0) entry.values = /^[a-z]/.test(match[3]) ? match[3].split('|') : enumeratedValues(match[4] ?? '');
    }
  }
  option('help').short = 'h';
  const subcommands = new Set<string>();
  const escaped = command.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const match of usage.matchAll(new RegExp(`kubeward ${escaped} ([a-z][a-z0-9-]*)`, 'g'))) subcommands.add(match[1] as string);
  // A "Subcommands:" section lists one per line at two spaces of indentation.
  const section = /^Subcommands:\n((?:.*\S.*\n?)*)/m.exec(usage);
  for (const line of section?.[1]?.split('\n') ?? []) {
    const match = /^ {2}([a-z][a-z0-9-]*)(?: |$)/.exec(line);
    if (match !== null) subcommands.add(match[1] as string);
  }
  return {
    name: command.name,
    summary: command.summary,
    subcommands: [...subcommands],
    options: [...options].map(([long, entry]) => ({ long, ...(entry.short === undefined ? {} : { short: entry.short }), takesValue: entry.takesValue, values: entry.values })),
  };
}

function flags(option: OptionCompletion): string[] {
  return option.short === undefined ? [`--${option.long}`] : [`--${option.long}`, `-${option.short}`];
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Per command: the flags whose value is one of a list, as shell case patterns. */
function valueCases(command: CommandCompletion, separator: string): { pattern: string; values: string }[] {
  return command.options.filter((option) => option.values.length > 0).map((option) => ({
    pattern: flags(option).map((flag) => `${command.name}${separator}${flag}`).join('|'),
    values: option.values.join(' '),
  }));
}

function bashScript(commands: readonly CommandCompletion[]): string {
  const names = commands.map((command) => command.name).join(' ');
  const commandCases = commands.map((command) => `    ${command.name}) options=${singleQuoted(command.options.flatMap(flags).join(' '))}; subcommands=${singleQuoted(command.subcommands.join(' '))} ;;`);
  const valueLines = commands.flatMap((command) => valueCases(command, ':')).map((entry) => `    ${entry.pattern}) values=${singleQuoted(entry.values)} ;;`);
  return `# bash completion for kubeward (generated by \`kubeward completion bash\`)
_kubeward() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" options="" subcommands="" values=""
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  if (( COMP_CWORD <= 1 )); then
    COMPREPLY=( $(compgen -W ${singleQuoted(`${names} help --help --version`)} -- "$cur") )
    return 0
  fi
  case "\${COMP_WORDS[1]}" in
${commandCases.join('\n')}
    help) subcommands=${singleQuoted(names)} ;;
  esac
  case "\${COMP_WORDS[1]}:$prev" in
${valueLines.join('\n')}
  esac
  if [[ -n "$values" ]]; then
    COMPREPLY=( $(compgen -W "$values" -- "$cur") )
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$options" -- "$cur") )
  elif (( COMP_CWORD == 2 )) && [[ -n "$subcommands" ]]; then
    COMPREPLY=( $(compgen -W "$subcommands" -- "$cur") )
  fi
  return 0
}
complete -o default -o bashdefault -F _kubeward kubeward
`;
}

function zshScript(commands: readonly CommandCompletion[]): string {
  const described = commands.map((command) => singleQuoted(`${command.name}:${command.summary}`)).join('\n    ');
  const commandCases = commands.map((command) => `    ${command.name}) options=(${command.options.flatMap(flags).join(' ')}); subcommands=(${command.subcommands.join(' ')}) ;;`);
  const valueLines = commands.flatMap((command) => valueCases(command, ':')).map((entry) => `    ${entry.pattern}) values=(${entry.values}) ;;`);
  return `#compdef kubeward
# zsh completion for kubeward (generated by \`kubeward completion zsh\`)
_kubeward() {
  local -a commands options subcommands values
  commands=(
    ${described}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'kubeward command' commands
    return
  fi
  case "\${words[2]}" in
${commandCases.join('\n')}
    help) subcommands=(${commands.map((command) => command.name).join(' ')}) ;;
  esac
  case "\${words[2]}:\${words[CURRENT-1]}" in
${valueLines.join('\n')}
  esac
  if (( \${#values} )); then
    compadd -a values
  elif [[ "\${words[CURRENT]}" == -* ]]; then
    compadd -a options
  elif (( CURRENT == 3 && \${#subcommands} )); then
    compadd -a subcommands
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" == _kubeward ]]; then
  _kubeward "$@"
else
  compdef _kubeward kubeward
fi
`;
}

function fishScript(commands: readonly CommandCompletion[]): string {
  const lines = ['# fish completion for kubeward (generated by `kubeward completion fish`)'];
  for (const command of commands) lines.push(`complete -c kubeward -n __fish_use_subcommand -f -a ${command.name} -d ${singleQuoted(command.summary)}`);
  for (const command of commands) {
    const condition = `-n ${singleQuoted(`__fish_seen_subcommand_from ${command.name}`)}`;
    if (command.subcommands.length > 0) lines.push(`complete -c kubeward ${condition} -a ${singleQuoted(command.subcommands.join(' '))}`);
    for (const option of command.options) {
      const short = option.short === undefined ? '' : ` -s ${option.short}`;
      const value = option.values.length > 0 ? ` -x -a ${singleQuoted(option.values.join(' '))}` : option.takesValue ? ' -r' : '';
      lines.push(`complete -c kubeward ${condition} -l ${option.long}${short}${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  const described = commands.map((command) => describeCommand(command));
  return shell === 'bash' ? bashScript(described) : shell === 'zsh' ? zshScript(described) : fishScript(described);
}

export const completionCommand: Command = {
  name: 'completion',
  summary: 'Print a shell completion script (bash, zsh, fish)',
  usage: USAGE,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [shell, ...rest] = argv;
    if (shell === undefined || rest.length > 0) throw new UsageError(`name one shell: ${SHELLS.join(', ')}`);
    if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell "${shell}" (expected ${SHELLS.join(', ')})`);
    // Loaded at run time: the registry lists this command too.
    const { commands } = await import('../commands.js');
    io.stdout.write(completionScript(shell as Shell, commands));
    return 0;
  },
};
