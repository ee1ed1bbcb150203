import { parseArgs } from 'node:util';
import { didYouMean } from '../../foundation/suggest.js';
import { CATEGORIES, type Rule } from '../../engine/rule.js';
import { compareControlIds, FRAMEWORK_IDS, FRAMEWORKS, frameworkBadges, frameworkById, type Framework } from '../../foundation/frameworks.js';
import { allRules } from '../../rules/index.js';
import { UsageError, type Command } from '../io.js';

const RULES_USAGE = `Usage: kubeward rules [--format table|json] [--framework ${FRAMEWORK_IDS.join('|')}] [--category NAME]

Lists every rule with its severity, category and framework mappings.
With --framework, lists the framework's controls and the rules that check each.`;

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'List the rules and their framework mappings',
  usage: RULES_USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { format: { type: 'string', short: 'f' }, framework: { type: 'string' }, category: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      io.stdout.write(`${RULES_USAGE}\n`);
      return 0;
    }
    const format = values.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`unknown --format "${format}" (expected table, json)`);
    const framework = values.framework === undefined ? undefined : frameworkById(values.framework);
    if (values.framework !== undefined && framework === undefined) throw new UsageError(`unknown --framework "${values.framework}" (expected ${FRAMEWORK_IDS.join(', ')})`);
    let rules = [...allRules];
    if (values.category !== undefined) {
      if (!(values.category in CATEGORIES)) throw new UsageError(`unknown --category "${values.category}" (expected ${Object.keys(CATEGORIES).join(', ')})`);
      rules = rules.filter((rule) => rule.meta.category === values.category);
    }
    if (framework !== undefined) {
      const controls = controlsOf(rules, framework);
      if (format === 'json') io.stdout.write(`${JSON.stringify({ framework: framework.id, controls: [...controls].map(([control, ids]) => ({ control, rules: ids })) }, null, 2)}\n`);
      else io.stdout.write(table(['CONTROL', 'RULES'], [...controls].map(([control, ids]) => [control, ids.join(', ')])));
      return 0;
    }
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ rules: rules.map((rule) => ruleJson(rule)) }, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(table(['ID', 'SEVERITY', 'CATEGORY', 'FIX', 'FRAMEWORKS', 'TITLE'], rules.map((rule) => [
      rule.meta.id,
      rule.meta.severity,
      rule.meta.category,
      rule.meta.fixable === false ? '-' : rule.meta.fixable,
      frameworkBadges(rule.meta.frameworks).join(', '),
      rule.meta.title,
    ])));
    return 0;
  },
};

const EXPLAIN_USAGE = 'Usage: kubeward explain RULE [--format text|json]\n\nPrints what a rule checks, why it matters, how to fix it, and what it maps to.';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain one rule',
  usage: EXPLAIN_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      io.stdout.write(`${EXPLAIN_USAGE}\n`);
      return 0;
    }
    const id = positionals[0];
    if (id === undefined || positionals.length > 1) throw new UsageError('explain takes exactly one rule id');
    const rule = allRules.find((candidate) => candidate.meta.id === id || candidate.meta.aliases?.includes(id) === true);
    if (rule === undefined) {
      throw new UsageError(`unknown rule "${id}"${didYouMean(id, allRules.map((candidate) => candidate.meta.id))}; see \`kubeward rules\``);
    }
    if (values.format === 'json') {
      io.stdout.write(`${JSON.stringify(ruleJson(rule), null, 2)}\n`);
      return 0;
    }
    const meta = rule.meta;
    const f = meta.frameworks;
    const lines = [
      `${meta.id}: ${meta.title}`,
      '',
      `Severity:     ${meta.severity}`,
      `Category:     ${CATEGORIES[meta.category]}`,
      `Fix:          ${meta.fixable === 'safe' ? 'kubeward fix applies it by default' : meta.fixable === 'suggestion' ? 'suggested; kubeward fix --include-suggestions applies it' : 'no automatic fix'}`,
      ...(meta.aliases === undefined || meta.aliases.length === 0 ? [] : [`Aliases:      ${meta.aliases.join(', ')}`]),
      ...(meta.deprecated === undefined ? [] : [`Deprecated:   replaced by ${meta.deprecated.replacedBy.join(', ')}`]),
      '',
      meta.description,
      '',
      `Remediation: ${meta.remediation}`,
      '',
      'Frameworks:',
      ...FRAMEWORKS.flatMap((framework) => {
        const controls = framework.describeControls(f);
        return controls.length === 0 ? [] : [`  ${framework.name}: ${controls.join(framework.id === 'nsa' ? '; ' : ', ')}`];
      }),
      '',
      'References:',
      ...meta.references.map((url) => `  ${url}`),
      '',
      `Suppress on an object: annotation kubeward.io/ignore: "${meta.id}" with kubeward.io/ignore-reason`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

function ruleJson(rule: Rule) {
  const { messages: _messages, ...meta } = rule.meta;
  return { ...meta, scope: rule.scope };
}

function controlsOf(rules: readonly Rule[], framework: Framework): Map<string, string[]> {
  const controls = new Map<string, string[]>();
  for (const rule of rules) {
    for (const id of framework.describeControls(rule.meta.frameworks)) {
      const list = controls.get(id);
      if (list === undefined) controls.set(id, [rule.meta.id]);
      else list.push(rule.meta.id);
    }
  }
  return new Map([...controls].sort(([a], [b]) => compareControlIds(a, b)));
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
