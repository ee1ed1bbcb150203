import { mkdir, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRequestedPssVersion, PSS_VERSION_EXPECTED } from '../../engine/pss-version.js';
import type { ScanOptions } from '../../scan/scan.js';
import type { InputError } from '../../engine/finding.js';
import { allRules } from '../../rules/index.js';
import { describeFsError, readInputs, type InputText } from '../../source/read-inputs.js';
import { COMPANION_KINDS, type CompanionKind } from '../../fix/operations.js';
import { planFixes, selectFixes, type FileFixResult } from '../../fix/plan-fixes.js';
import { unifiedDiff } from '../../fix/unified-diff.js';
import { resolveConfig } from '../scan/scan-command.js';
import { kubeVersionFlag, positiveNumberFlag, UsageError, type CliIO, type Command } from '../io.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { escapeTerminal } from '../../report/terminal-text.js';
import { didYouMean } from '../../foundation/suggest.js';

const USAGE = `Usage: kubeward fix PATH... [--diff | --write | --out DIR] [options]

Hardens manifests with the fixes the rules know, editing only the bytes a fix needs: comments, key
order, quoting, anchors, blank lines and untouched documents stay as they are.

Modes (default --diff):
      --diff                 print a unified diff of the changes (git apply / patch -p1 read it); change nothing
  -w, --write                rewrite the files in place (atomically; files that do not parse are never touched)
      --out DIR              write fixed copies under DIR, keeping relative paths
      --check                like --diff, and exit 1 when a fix would change something (for CI)
  -                          read standard input and write the fixed stream to standard output

Options:
      --profile LEVEL        restricted (default) or baseline: the Pod Security Standards level to reach
      --pss-version V        Pod Security Standards version: latest (default) or v1.N
      --kube-version V       Kubernetes release to fix for, v1.N (default: the newest known)
      --rules A,B            only apply fixes of these rules (misplaced-settings names the moves of settings
                             written into the wrong object)
      --include-suggestions  also apply suggestions (fixes that may change behaviour); listed otherwise
      --generate KINDS       write companion objects: networkpolicies,serviceaccounts
      --generate-file FILE   where companions go (default kubeward-companions.yaml; under DIR with --out)
      --max-file-size MIB    refuse files larger than this (default 100)
  -q, --quiet                report one line per file instead of every fix, suggestion and finding
  -c, --config FILE          config file (default: .kubeward.yaml from the working directory upward)
      --no-config            ignore .kubeward.yaml files
  -h, --help                 show this help

Exit codes: 0 done; 1 with --check when fixes are pending; 2 usage error, or an input that could not
be read or parsed (it is left unchanged), or a file that could not be written (the others are).`;

type Mode = 'diff' | 'write' | 'out';

export const fixCommand: Command = {
  name: 'fix',
  summary: 'Fix manifests: print a diff, or write hardened files',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        diff: { type: 'boolean' },
        check: { type: 'boolean' },
        write: { type: 'boolean', short: 'w' },
        out: { type: 'string' },
        profile: { type: 'string' },
        'pss-version': { type: 'string' },
        'kube-version': { type: 'string' },
        rules: { type: 'string' },
        'include-suggestions': { type: 'boolean' },
        generate: { type: 'string' },
        'generate-file': { type: 'string' },
        'max-file-size': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('name the files or directories to fix (or - for standard input)');
    const modes = [values.diff === true || values.check === true ? 'diff' : undefined, values.write === true ? 'write' : undefined, values.out !== undefined ? 'out' : undefined].filter((mode) => mode !== undefined);
    if (modes.length > 1) throw new UsageError('choose one of --diff, --write and --out');
    const mode: Mode = (modes[0] as Mode | undefined) ?? 'diff';
    const profile = values.profile ?? 'restricted';
    if (profile !== 'restricted' && profile !== 'baseline') throw new UsageError(`unknown --profile "${profile}" (expected restricted or baseline)`);
    const config = await resolveConfig(values.config, values['no-config'] === true, io);
    const selection = selectFixes(values.rules, allRules);
    if (selection.unknown !== undefined) throw new UsageError(`unknown rule "${selection.unknown}" in --rules${didYouMean(selection.unknown, allRules.map((rule) => rule.meta.id))} (kubeward rules lists them)`);
    const scanOptions: { -readonly [K in keyof ScanOptions]: ScanOptions[K] } = { cwd: io.cwd, config, pssLevel: profile, rules: selection.rules };
    if (values['pss-version'] !== undefined) {
      scanOptions.pssVersion = parseRequestedPssVersion(values['pss-version']) ?? usage(`invalid --pss-version "${values['pss-version']}" (expected ${PSS_VERSION_EXPECTED})`);
    }
    const kubernetesVersion = kubeVersionFlag(values['kube-version']);
    if (kubernetesVersion !== undefined) scanOptions.kubernetesVersion = kubernetesVersion;
    const generate = parseGenerate(values.generate);
    const stdinToStdout = positionals.includes('-') && values.diff !== true && values.check !== true;

    const inputs: { file: string; text: string }[] = [];
    const readErrors: InputError[] = [];
    const maxFileBytes = positiveNumberFlag(values['max-file-size'], 'max-file-size', 'MiB', 1024 * 1024);
    for await (const event of readInputs(positionals, { cwd: io.cwd, stdin: io.stdin, ...(maxFileBytes === undefined ? {} : { maxFileBytes }) })) {
      if (event.type === 'error') readErrors.push(event.problem);
      else if (event.type === 'note') io.stderr.write(escapeTerminal(`note: ${event.note.file}: ${event.note.message}\n`));
      else inputs.push(event.input);
    }
    // A file named twice (a symlink beside its target, a repeated path) is fixed once, under its first name.
    const linked = new Map<string, string>();
    const uniqueInputs = await firstOfEachFile(inputs, io.cwd, linked);
    const plan = planFixes(uniqueInputs, { scan: scanOptions, includeSuggestions: values['include-suggestions'] === true, misplacedSettings: selection.misplacedSettings, generate });
    const results = plan.results.map((result) => ({ ...result, isStdin: result.file === '<stdin>' }));
    const companions = plan.companions;
    const companionNotes = plan.notes;

    const report: string[] = [];
    const writeErrors: string[] = [];
    // One file that cannot be written is reported; the others are still written.
    const writeOrReport = async (path: string, name: string, text: string, makeDirectory = false): Promise<boolean> => {
      try {
        if (makeDirectory) await mkdir(dirname(path), { recursive: true });
        await writeFileAtomic(path, text);
        return true;
      } catch (error) {
        writeErrors.push(`error: ${name}: not written: ${describeFsError(error)}`);
        return false;
      }
    };
    const unwritten = new Set<FileFixResult>();
    const outRoot = values.out === undefined ? undefined : resolve(io.cwd, values.out);
    for (const result of results) {
      // Next to a diff the lines are the input's; after --write or on the fixed stream, the fixed text's.
      const described = describeResult(result, mode === 'diff' && !(result.isStdin && stdinToStdout));
      report.push(...(values.quiet === true && result.parseErrors.length === 0 ? described.slice(0, 1) : described));
      if (result.parseErrors.length > 0) continue;
      if (result.isStdin && stdinToStdout) {
        io.stdout.write(result.text);
        continue;
      }
      if (mode === 'diff') {
        const name = result.file;
        io.stdout.write(unifiedDiff(result.original, result.text, { oldName: `a/${name}`, newName: `b/${name}` }));
      } else if (mode === 'write') {
        if (result.text !== result.original && !(await writeOrReport(resolve(io.cwd, result.file), result.file, result.text))) unwritten.add(result);
      } else if (outRoot !== undefined) {
        const target = join(outRoot, isAbsolute(result.file) ? result.file.replace(/^[/\\]+/, '') : result.file);
        if (!(await writeOrReport(target, target, result.text, true))) unwritten.add(result);
      }
    }

    if (companions !== '') {
      const generateFile = values['generate-file'] ?? 'kubeward-companions.yaml';
      if (stdinToStdout && results.some((result) => result.isStdin)) {
        const stream = results.find((result) => result.isStdin)?.text ?? '';
        io.stdout.write(`${stream === '' || stream.endsWith('\n') ? '' : '\n'}---\n${companions}`);
        report.push('companion objects appended to the output stream');
      } else if (mode === 'diff') {
        io.stdout.write(unifiedDiff('', companions, { oldName: '/dev/null', newName: `b/${generateFile}` }));
      } else {
        const failures = writeErrors.length;
        await writeOrReport(resolve(outRoot ?? io.cwd, generateFile), generateFile, companions, true);
        if (writeErrors.length === failures) report.push(`companion objects written to ${generateFile}`);
      }
      for (const note of companionNotes) report.push(`note: ${note}`);
    }

    for (const [file, first] of linked) report.push(`${file}: the same file as ${first}; fixed once`);
    report.push(...writeErrors);
    for (const error of readErrors) report.push(`error: ${error.file}${error.line > 0 ? `:${error.line}:${error.column}` : ''}: ${error.message}`);
    // A file that could not be written was not changed, whatever was planned for it.
    const written = results.filter((result) => !unwritten.has(result));
    const changed = written.filter((result) => result.text !== result.original).length;
    const appliedCount = written.reduce((sum, result) => sum + result.applied.length, 0);
    const verb = mode === 'diff' && !stdinToStdout ? 'would change' : 'changed';
    report.push(`${appliedCount} fix${appliedCount === 1 ? '' : 'es'} in ${changed} file${changed === 1 ? '' : 's'} (${verb}); ${results.length} file${results.length === 1 ? '' : 's'} read`);
    // The diff or the fixed stream owns standard output; the report goes to standard error then.
    const reportStream = mode === 'diff' || stdinToStdout ? io.stderr : io.stdout;
    reportStream.write(escapeTerminal(`${report.join('\n')}\n`));
    const hasInputErrors = readErrors.length > 0 || writeErrors.length > 0 || results.some((result) => result.parseErrors.length > 0);
    if (hasInputErrors) return 2;
    return values.check === true && (changed > 0 || companions !== '') ? 1 : 0;
  },
};

/** One input per file: the file's own name is preferred over a symlink to it; the others go to `linked`. */
async function firstOfEachFile(inputs: readonly InputText[], cwd: string, linked: Map<string, string>): Promise<InputText[]> {
  const byFile = new Map<string, { slot: number; names: InputText[] }>();
  const out: (InputText | undefined)[] = [];
  for (const input of inputs) {
    if (input.file === '<stdin>') {
      out.push(input);
      continue;
    }
    const path = resolve(cwd, input.file);
    const real = await realpath(path).catch(() => path);
    const group = byFile.get(real);
    if (group === undefined) byFile.set(real, { slot: out.push(input) - 1, names: [input] });
    else group.names.push(input);
  }
  for (const [real, { slot, names }] of byFile) {
    if (names.length === 1) continue;
    const chosen = names.find((input) => resolve(cwd, input.file) === real) ?? names[0];
    if (chosen === undefined) continue;
    out[slot] = chosen;
    for (const input of names) if (input !== chosen) linked.set(input.file, chosen.file);
  }
  return out.filter((input) => input !== undefined);
}

function usage(message: string): never {
  throw new UsageError(message);
}

function parseGenerate(list: string | undefined): Set<CompanionKind> {
  const kinds = new Set<CompanionKind>();
  if (list === undefined) return kinds;
  for (const raw of list.split(',').map((kind) => kind.trim().toLowerCase()).filter((kind) => kind !== '')) {
    if (!(COMPANION_KINDS as readonly string[]).includes(raw)) throw new UsageError(`unknown --generate kind "${raw}" (expected ${COMPANION_KINDS.join(', ')})`);
    kinds.add(raw as CompanionKind);
  }
  return kinds;
}

function describeResult(result: FileFixResult, inputLines: boolean): string[] {
  const lineOf = (record: { line: number; inputLine?: number }): number => (inputLines ? record.inputLine ?? record.line : record.line);
  const lines: string[] = [];
  if (result.parseErrors.length > 0) {
    lines.push(`${result.file}: not changed: it does not parse`);
    for (const error of result.parseErrors) lines.push(`  error: line ${error.line}:${error.column}: ${error.message}`);
    return lines;
  }
  const changed = result.text !== result.original;
  lines.push(`${result.file}: ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'}${changed ? '' : ', unchanged'}`);
  for (const record of result.applied) lines.push(`  fixed       ${record.resource}: ${record.title} (${record.ruleId})`);
  for (const warning of result.warnings) lines.push(`  warning     ${warning}`);
  for (const record of result.suggestions) lines.push(`  suggestion  ${record.resource} line ${lineOf(record)}: ${record.title} (${record.ruleId}; apply with --include-suggestions)`);
  for (const record of result.notApplied) lines.push(`  not fixed   ${record.resource} line ${lineOf(record)}: ${record.title} (${record.ruleId}): ${record.reason}`);
  for (const finding of result.unfixable) {
    const generator = finding.generate;
    const advice = generator === undefined ? 'no automatic fix is known, change it by hand' : `kubeward fix --generate ${generator} creates what is missing`;
    lines.push(`  no fix      ${finding.resource} line ${lineOf(finding)}: ${finding.message} (${finding.ruleId}; ${advice})`);
  }
  return lines;
}
