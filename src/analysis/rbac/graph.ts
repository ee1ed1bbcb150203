import { roleIdOfRef, type RbacModel } from './model.js';
import { formatSubjectRef, subjectRefOf } from './subjects.js';
import type { RbacBinding } from './types.js';

// A graph of subjects → bindings → roles, rendered as Graphviz DOT or Mermaid flowchart text.

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly type: 'subject' | 'binding' | 'role' | 'missing-role' | 'end-state';
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

export interface RbacGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** The graph of the given bindings (default: every input binding). */
export function rbacGraphOf(model: RbacModel, bindings: readonly RbacBinding[] = model.bindings.filter((b) => b.origin === 'input')): RbacGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const seenEdges = new Set<string>();
  const addEdge = (edge: GraphEdge): void => {
    const key = `${edge.from}\u0000${edge.to}`;
    if (seenEdges.has(key)) return;
    seenEdges.add(key);
    edges.push(edge);
  };
  for (const binding of bindings) {
    nodes.set(binding.id, { id: binding.id, label: binding.id, type: 'binding' });
    const role = model.roleOf(binding);
    const roleId = role?.id ?? roleIdOfRef(binding);
    if (!nodes.has(roleId)) nodes.set(roleId, { id: roleId, label: role === undefined ? `${roleId} (missing)` : roleId, type: role === undefined ? 'missing-role' : 'role' });
    addEdge({ from: binding.id, to: roleId });
    for (const subject of binding.subjects) {
      const ref = subjectRefOf(subject, binding.namespace);
      if (ref === undefined) continue;
      const id = formatSubjectRef(ref);
      if (!nodes.has(id)) nodes.set(id, { id, label: id, type: 'subject' });
      addEdge({ from: id, to: binding.id });
    }
  }
  const order = { subject: 0, binding: 1, role: 2, 'missing-role': 3, 'end-state': 4 } as const;
  return {
    nodes: [...nodes.values()].sort((a, b) => order[a.type] - order[b.type] || a.id.localeCompare(b.id)),
    edges: edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

const DOT_SHAPES = { subject: 'ellipse', binding: 'box', role: 'box3d', 'missing-role': 'octagon', 'end-state': 'doubleoctagon' } as const;

export function renderDot(graph: RbacGraph): string {
  const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph rbac {', '  rankdir=LR;'];
  for (const node of graph.nodes) {
    const style = node.type === 'missing-role' ? ', style=dashed, color=red' : node.type === 'end-state' ? ', color=red' : '';
    lines.push(`  ${quote(node.id)} [label=${quote(node.label)}, shape=${DOT_SHAPES[node.type]}${style}];`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${edge.label === undefined ? '' : ` [label=${quote(edge.label)}]`};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function renderMermaid(graph: RbacGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((node, index) => ids.set(node.id, `n${index}`));
  // Mermaid labels cannot hold raw quotes; `#quot;` is its entity for them.
  const label = (text: string): string => `"${text.replace(/"/g, '#quot;')}"`;
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const id = ids.get(node.id) ?? '';
    const text = label(node.label);
    lines.push(node.type === 'subject' ? `  ${id}([${text}])` : node.type === 'binding' ? `  ${id}[${text}]` : node.type === 'role' ? `  ${id}[[${text}]]` : node.type === 'end-state' ? `  ${id}>${text}]` : `  ${id}{{${text}}}`);
  }
  for (const edge of graph.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from === undefined || to === undefined) continue;
    lines.push(edge.label === undefined ? `  ${from} --> ${to}` : `  ${from} -->|${label(edge.label)}| ${to}`);
  }
  return `${lines.join('\n')}\n`;
}
