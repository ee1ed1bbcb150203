import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

// A YAML file read with the line of every key and list item, so a finding about `readOnlyPort` or
// `resources[0].providers[0]` points at its line. Paths are dotted: `a.b[0].c`.

export interface YamlWithLines {
  readonly value?: unknown;
  readonly lines: Record<string, number>;
  readonly error?: string;
}

export function parseYamlWithLines(text: string): YamlWithLines {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const first = document.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0].line ?? 0;
    return { lines: {}, error: `line ${String(line)}: ${first.message.split('\n')[0] ?? ''}` };
  }
  const lines: Record<string, number> = {};
  const lineOf = (node: { range?: readonly number[] | null } | null | undefined): number =>
    node?.range === undefined || node.range === null ? 0 : counter.linePos(node.range[0] ?? 0).line;
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const child = path === '' ? key : `${path}.${key}`;
        lines[child] = lineOf(pair.key as Node | null);
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = `${path}[${String(index)}]`;
        lines[child] = lineOf(item as Node | null);
        walk(item, child);
      });
    }
  };
  walk(document.contents, '');
  return { value: document.toJS({ maxAliasCount: 100 }) as unknown, lines };
}
