import { documentsOfText } from '../../src/source/load-objects.js';
import type { K8sObject } from '../../src/k8s/object.js';

/** Decodes real multi-document YAML text the way the CLI does; throws on a parse error. */
export function objectsOfYaml(text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const event of documentsOfText('test.yaml', text)) {
    if (event.type === 'error') throw new Error(`${event.problem.line}:${event.problem.column} ${event.problem.message}`);
    if (event.type === 'objects') objects.push(...event.objects.map((loaded) => loaded.object));
  }
  return objects;
}
