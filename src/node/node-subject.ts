import type { FieldPath } from '../foundation/field-path.js';
import type { Location } from '../engine/finding.js';
import type { Subject } from '../engine/subject.js';
import { KUBELET_FLAG_FIELDS, type ComponentName, type FileRole, type NodeConfiguration, type ParsedFile } from '../k8s/node-config.js';

// The node configuration as the engine's subject. Findings point where the setting lives: the flag's
// line in a static pod manifest, the flag's argument index in /proc/PID/cmdline (the "line" of a
// NUL-separated command line), the key's line in the kubelet config file, or the file a mode is about.

export function nodeSubject(node: NodeConfiguration): Subject {
  const subject: Subject = { object: node, locate: (path) => locateInNode(node, path), retain: () => subject };
  return subject;
}

export function locateInNode(node: NodeConfiguration, path: FieldPath): Location {
  const at = (file: string, line = 0): Location => ({ file, line, column: line > 0 ? 1 : 0 });
  const fallback = at(`node://${node.metadata.name}`);
  const [head, ...rest] = path;
  switch (head) {
    case 'components': {
      const component = node.components[rest[0] as ComponentName];
      if (component === undefined) return fallback;
      const flag = rest[1] === 'flags' ? String(rest[2] ?? '') : undefined;
      return at(component.origin, flag === undefined ? 0 : component.flagLines[flag] ?? 0);
    }
    case 'files': {
      const fact = node.files[rest[0] as FileRole]?.[Number(rest[1] ?? 0)];
      return fact === undefined ? fallback : at(fact.path);
    }
    case 'kubelet': {
      const kubelet = node.kubelet;
      const component = node.components.kubelet;
      if (kubelet === undefined) return fallback;
      const dotted = rest.slice(1).map(String).join('.');
      if (kubelet.fromFlags.includes(dotted) && component !== undefined) {
        const flag = Object.entries(KUBELET_FLAG_FIELDS).find(([, field]) => field.path.join('.') === dotted)?.[0] ?? '';
        return at(component.origin, component.flagLines[flag] ?? 0);
      }
      if (kubelet.configFile !== undefined) return at(kubelet.configFile, nearestLine(kubelet.fileLines, rest.slice(1)));
      return component === undefined ? fallback : at(component.origin);
    }
    case 'encryption':
    case 'auditPolicy':
    case 'admission': {
      const file: ParsedFile | undefined = node[head];
      return file === undefined ? fallback : at(file.path, nearestLine(file.lines, rest.slice(1)));
    }
    default:
      return fallback;
  }
}

/** The line of `a.b[0].c`, or of its nearest parent that has one. */
function nearestLine(lines: Readonly<Record<string, number>>, path: FieldPath): number {
  for (let length = path.length; length > 0; length--) {
    let dotted = '';
    for (const segment of path.slice(0, length)) dotted += typeof segment === 'number' ? `[${String(segment)}]` : dotted === '' ? segment : `.${segment}`;
    const line = lines[dotted];
    if (line !== undefined && line > 0) return line;
  }
  return 0;
}
