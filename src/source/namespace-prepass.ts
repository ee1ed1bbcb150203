import { isK8sObject, type K8sObject } from '../k8s/object.js';
import { parseDocument } from './parse-document.js';
import { splitDocuments } from './split-documents.js';

// Namespace labels (pod-security.kubernetes.io/enforce) decide the Pod Security Standards level of the
// objects in them, so they are read before the objects of the same text are judged. Only the documents
// that may define a Namespace are decoded: they are found with native string search, so the pre-pass
// costs little even on very large files.

const KIND_BEFORE = /kind["']?\s*:\s*["']?$/;
const NAMESPACE_KIND = /^\s*"?kind"?\s*:\s*["']?Namespace["']?\s*,?\s*$/m;

/** The Namespace objects a text defines, as documents or as items of a List. */
export function namespacesOfText(text: string): K8sObject[] {
  const namespaces: K8sObject[] = [];
  for (const candidate of documentsMentioningNamespaces(text)) {
    if (!NAMESPACE_KIND.test(candidate)) continue;
    for (const slice of splitDocuments(candidate)) {
      if (!NAMESPACE_KIND.test(slice.text)) continue;
      const parsed = parseDocument(slice);
      if (!parsed.ok || !isK8sObject(parsed.value)) continue;
      const value = parsed.value;
      if (value.kind === 'Namespace') namespaces.push(value);
      else if (Array.isArray(value['items'])) for (const item of value['items']) if (isK8sObject(item) && item.kind === 'Namespace') namespaces.push(item);
    }
  }
  return namespaces;
}

/** The documents of a text in which `kind: Namespace`, `kind: List` or `"kind": "NamespaceList"` and the like appear. */
function* documentsMentioningNamespaces(text: string): Generator<string> {
  const starts = new Set<number>();
  for (const word of ['Namespace', 'List']) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      if (!KIND_BEFORE.test(text.slice(Math.max(0, at - 12), at))) continue;
      const previous = text.lastIndexOf('\n---', at);
      const start = previous === -1 ? 0 : previous + 1;
      if (starts.has(start)) continue;
      starts.add(start);
      const next = text.indexOf('\n---', at);
      yield text.slice(start, next === -1 ? text.length : next + 1);
    }
  }
}
