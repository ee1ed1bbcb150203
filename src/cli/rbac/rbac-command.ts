import { parseArgs } from 'node:util';
import { canI, impersonatedUser, whoCan } from '../../analysis/rbac/authorizer.js';
import { loadBootstrapPolicy } from '../../analysis/rbac/bootstrap-policy.js';
import { rbacGraphOf, renderDot, renderMermaid, type RbacGraph } from '../../analysis/rbac/graph.js';
import { buildRbacModel, type RbacModel } from '../../analysis/rbac/model.js';
import { EscalationAnalyzer, type EscalationPath, type Via } from '../../analysis/rbac/paths.js';
import { permissionsOf } from '../../analysis/rbac/permissions.js';
import { formatAccessRequest, parseAccessRequest } from '../../analysis/rbac/request.js';
import { formatSubjectRef, parseSubjectRef, userInfoOf, type SubjectRef } from '../../analysis/rbac/subjects.js';
import type { AccessRequest, PolicyRule } from '../../analysis/rbac/types.js';
import { SEVERITIES, severityRank, type Severity } from '../../engine/rule.js';
import { loadObjects } from '../../source/load-objects.js';
import { UsageError, type CliIO, type Command } from '../io.js';
import { formatTable } from './format-table.js';
import { escapeTerminal } from '../../report/terminal-text.js';

const USAGE = `Usage: kubeward rbac SUBCOMMAND [options] PATH...

Answers authorization questions about the Roles, ClusterRoles, RoleBindings and ClusterRoleBindings
in PATH... (files, directories, or - for stdin) exactly as the API server's RBAC authorizer would.
Bindings to built-in roles (cluster-admin, admin, edit, view, system:*) resolve through the shipped
upstream bootstrap policy; an input role with the same name replaces the built-in one.

Subcommands:
  can-i VERB RESOURCE[.GROUP][/SUBRESOURCE] --as USER [--as-group GROUP]... PATH...
        Prints yes (exit 0) or no (exit 1), like kubectl auth can-i. VERB /url asks about a
        non-resource URL. --as system:serviceaccount:NS:NAME adds the ServiceAccount's groups.
  who-can VERB RESOURCE[.GROUP][/SUBRESOURCE] PATH...
        Lists every subject allowed, with the binding and role that grant it.
  permissions SUBJECT PATH...
        Lists the effective permissions of User:NAME, Group:NAME or ServiceAccount:NS:NAME.
  paths [SUBJECT] PATH...
        Shows escalation paths (from SUBJECT, or from every bound subject) to dangerous end states.

Options:
  -n, --namespace NS      namespace of the request (default: default; ignored for cluster-scoped resources)
  -A, --all-namespaces    ask about the request across all namespaces (no namespace)
      --name NAME         name of the object (rules with resourceNames only match named requests)
      --subresource SUB   the subresource, as kubectl spells it (same as RESOURCE/SUB)
      --as USER           user to evaluate (can-i)
      --as-group GROUP    group of that user, repeatable (can-i)
      --default-bindings  also count the upstream default bindings (system:masters, controllers, ...)
      --max-steps N       longest chain of identity changes followed by paths (default 4)
  -f, --format FORMAT     table (default), json; who-can, permissions and paths also dot, mermaid
  -h, --help              show this help`;

const FORMATS = ['table', 'json', 'dot', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

export const rbacCommand: Command = {
  name: 'rbac',
  summary: 'RBAC analysis: can-i, who-can, effective permissions and escalation paths',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        namespace: { type: 'string', short: 'n' },
        'all-namespaces': { type: 'boolean', short: 'A' },
        name: { type: 'string' },
        subresource: { type: 'string' },
        as: { type: 'string' },
        'as-group': { type: 'string', multiple: true },
        'default-bindings': { type: 'boolean' },
        'max-steps': { type: 'string' },
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [subcommand, ...rest] = positionals;
    if (values.help === true || subcommand === undefined) {
      io.stdout.write(`${USAGE}\n`);
      return values.help === true ? 0 : 2;
    }
    const format = (values.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(', ')})`);
    const requestOptions = {
      ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
      ...(values['all-namespaces'] === true ? { allNamespaces: true } : {}),
      ...(values.name === undefined ? {} : { name: values.name }),
    };
    const withSubresource = (target: string): string => {
      if (values.subresource === undefined) return target;
      if (target.startsWith('/') || target.includes('/')) throw new UsageError('--subresource cannot be combined with RESOURCE/SUBRESOURCE or a URL');
      return `${target}/${values.subresource}`;
    };
    const load = (paths: readonly string[]): Promise<RbacModel | undefined> => loadModel(paths, values['default-bindings'] === true, io);

    switch (subcommand) {
      case 'can-i': {
        const [verb, target, ...paths] = rest;
        if (verb === undefined || target === undefined) throw new UsageError('can-i needs VERB and RESOURCE (or a /url)');
        if (values.as === undefined || values.as === '') throw new UsageError('can-i needs --as USER');
        if (format === 'dot' || format === 'mermaid') throw new UsageError('can-i supports --format table or json');
        const request = accessRequest(verb, withSubresource(target), requestOptions, io);
        const model = await load(paths);
        if (model === undefined) return 2;
        const decision = canI(model, impersonatedUser(values.as, values['as-group'] ?? []), request);
        if (format === 'json') {
          io.stdout.write(`${JSON.stringify({ allowed: decision.allowed, grants: decision.grants.map(({ binding, role, ruleDeclaredBy, ruleIndex, rule }) => ({ binding, role, ruleDeclaredBy, ruleIndex, rule: ruleJson(rule) })) }, null, 2)}\n`);
        } else io.stdout.write(decision.allowed ? 'yes\n' : 'no\n');
        return decision.allowed ? 0 : 1;
      }
      case 'who-can': {
        const [verb, target, ...paths] = rest;
        if (verb === undefined || target === undefined) throw new UsageError('who-can needs VERB and RESOURCE (or a /url)');
        const request = accessRequest(verb, withSubresource(target), requestOptions, io);
        const model = await load(paths);
        if (model === undefined) return 2;
        const subjects = whoCan(model, request);
        if (format === 'json') io.stdout.write(`${JSON.stringify({ subjects }, null, 2)}\n`);
        else if (format === 'dot' || format === 'mermaid') {
          const ids = new Set(subjects.flatMap((subject) => subject.grants.map((grant) => grant.binding)));
          io.stdout.write(renderGraph(rbacGraphOf(model, model.bindings.filter((binding) => ids.has(binding.id))), format));
        } else if (subjects.length === 0) io.stdout.write(escapeTerminal(`No subject can ${formatAccessRequest(request)}.\n`));
        else {
          io.stdout.write(formatTable(['KIND', 'NAME', 'NAMESPACE', 'BINDING', 'ROLE'], subjects.flatMap((subject) =>
            subject.grants.map((grant) => [subject.kind, subject.name, subject.namespace ?? '', grant.binding, grant.role]))));
        }
        return 0;
      }
      case 'permissions': {
        const [subjectText, ...paths] = rest;
        if (subjectText === undefined) throw new UsageError('permissions needs SUBJECT (User:NAME, Group:NAME or ServiceAccount:NS:NAME)');
        const subject = subjectRef(subjectText);
        const model = await load(paths);
        if (model === undefined) return 2;
        const permissions = permissionsOf(model, subject);
        if (format === 'json') {
          const user = userInfoOf(subject);
          io.stdout.write(`${JSON.stringify({
            subject: formatSubjectRef(subject),
            ...(subject.kind === 'Group' ? {} : { user: { name: user.name, groups: user.groups } }),
            permissions: permissions.map((permission) => ({
              ...(permission.namespace === undefined ? {} : { namespace: permission.namespace }),
              ...ruleJson(permission.rule),
              binding: permission.binding, role: permission.role, ruleDeclaredBy: permission.ruleDeclaredBy, ruleIndex: permission.ruleIndex,
            })),
          }, null, 2)}\n`);
        } else if (format === 'dot' || format === 'mermaid') {
          const ids = new Set(permissions.map((permission) => permission.binding));
          io.stdout.write(renderGraph(rbacGraphOf(model, model.bindings.filter((binding) => ids.has(binding.id))), format));
        } else if (permissions.length === 0) io.stdout.write(escapeTerminal(`${formatSubjectRef(subject)} has no permissions in these objects.\n`));
        else {
          io.stdout.write(formatTable(['NAMESPACE', 'VERBS', 'API GROUPS', 'RESOURCES', 'RESOURCE NAMES', 'NON-RESOURCE URLS', 'BINDING', 'ROLE'], permissions.map((permission) => [
            permission.namespace ?? '*',
            list(permission.rule.verbs),
            list(permission.rule.apiGroups.map((group) => (group === '' ? '""' : group))),
            list(permission.rule.resources),
            list(permission.rule.resourceNames),
            list(permission.rule.nonResourceURLs),
            permission.binding,
            permission.role,
          ])));
        }
        return 0;
      }
      case 'paths': {
        let start: SubjectRef | undefined;
        let paths = rest;
        const first = rest[0];
        if (first !== undefined && parseSubjectRef(first) !== undefined && /^(User|Group|ServiceAccount|system:serviceaccount):/.test(first)) {
          start = parseSubjectRef(first);
          paths = rest.slice(1);
        }
        const maxSteps = values['max-steps'] === undefined ? 4 : Number(values['max-steps']);
        if (!Number.isInteger(maxSteps) || maxSteps < 0) throw new UsageError('--max-steps must be a whole number');
        const model = await load(paths);
        if (model === undefined) return 2;
        const analyzer = new EscalationAnalyzer(model);
        const found = start === undefined ? analyzer.pathsFromAll(analyzer.startingSubjects(), { maxSteps }) : analyzer.pathsFrom(start, { maxSteps });
        found.sort((a, b) => severityRank(b.end.severity) - severityRank(a.end.severity) || a.start.localeCompare(b.start) || a.steps.length - b.steps.length);
        if (format === 'json') io.stdout.write(`${JSON.stringify({ paths: found }, null, 2)}\n`);
        else if (format === 'dot' || format === 'mermaid') io.stdout.write(renderGraph(pathGraph(found), format));
        else if (found.length === 0) io.stdout.write('No escalation paths found.\n');
        else io.stdout.write(escapeTerminal(formatPaths(found)));
        return 0;
      }
      default:
        throw new UsageError(`unknown rbac subcommand "${subcommand}" (expected can-i, who-can, permissions, paths)`);
    }
  },
};

function accessRequest(verb: string, target: string, options: { namespace?: string; allNamespaces?: boolean; name?: string }, io: CliIO): AccessRequest {
  const parsed = parseAccessRequest(verb, target, options);
  if (!parsed.ok) throw new UsageError(parsed.message);
  for (const warning of parsed.warnings) io.stderr.write(escapeTerminal(`warning: ${warning}\n`));
  return parsed.request;
}

function subjectRef(text: string): SubjectRef {
  const ref = parseSubjectRef(text);
  if (ref === undefined) throw new UsageError(`invalid subject "${text}" (expected User:NAME, Group:NAME or ServiceAccount:NS:NAME)`);
  return ref;
}

async function loadModel(paths: readonly string[], includeDefaultBindings: boolean, io: CliIO): Promise<RbacModel | undefined> {
  if (paths.length === 0) throw new UsageError('no input: give files, directories, or - for stdin');
  const { objects, errors } = await loadObjects(paths, { cwd: io.cwd, stdin: io.stdin });
  for (const error of errors) io.stderr.write(escapeTerminal(`${error.file}:${error.line}:${error.column}: ${error.message}\n`));
  // An answer over part of the input could be wrong either way: refuse rather than guess.
  if (errors.length > 0) return undefined;
  return buildRbacModel(objects.map((loaded) => loaded.object), { defaults: loadBootstrapPolicy().objects, includeDefaultBindings });
}

function ruleJson(rule: PolicyRule): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = { verbs: rule.verbs };
  if (rule.apiGroups.length > 0) out['apiGroups'] = rule.apiGroups;
  if (rule.resources.length > 0) out['resources'] = rule.resources;
  if (rule.resourceNames.length > 0) out['resourceNames'] = rule.resourceNames;
  if (rule.nonResourceURLs.length > 0) out['nonResourceURLs'] = rule.nonResourceURLs;
  return out;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '' : items.join(',');
}

function renderGraph(graph: RbacGraph, format: 'dot' | 'mermaid'): string {
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

function viaText(via: Via): string {
  return `${via.binding} → ${via.role}, rules[${via.ruleIndex}]${via.ruleDeclaredBy === via.role ? '' : ` of ${via.ruleDeclaredBy}`}`;
}

export function formatPaths(paths: readonly EscalationPath[]): string {
  const width = Math.max(...SEVERITIES.map((severity: Severity) => severity.length));
  const blocks = paths.map((path) => {
    const lines = [`${path.end.severity.toUpperCase().padEnd(width)}  ${path.start} can ${path.end.title} ${path.end.scope}${path.steps.length === 0 ? '' : ` (as ${path.holder})`}`];
    path.steps.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${step.from} can ${step.action} → acts as ${step.to}`, `       via ${viaText(step.via)}`);
    });
    lines.push(`  ${path.steps.length + 1}. ${path.holder} can ${path.end.title} ${path.end.scope}`, `       via ${viaText(path.end.via)}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Identities as nodes, identity changes and end states as edges. */
function pathGraph(paths: readonly EscalationPath[]): RbacGraph {
  const nodes = new Map<string, RbacGraph['nodes'][number]>();
  const edges = new Map<string, RbacGraph['edges'][number]>();
  for (const path of paths) {
    nodes.set(path.start, { id: path.start, label: path.start, type: 'subject' });
    for (const step of path.steps) {
      nodes.set(step.to, { id: step.to, label: step.to, type: 'subject' });
      edges.set(`${step.from}\u0000${step.to}`, { from: step.from, to: step.to, label: step.action });
    }
    const endId = `${path.end.capability} ${path.end.scope}`;
    nodes.set(endId, { id: endId, label: `${path.end.severity}: ${path.end.title} ${path.end.scope}`, type: 'end-state' });
    edges.set(`${path.holder}\u0000${endId}`, { from: path.holder, to: endId });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
