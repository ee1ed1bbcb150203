import { analyzeNetworkPolicies, type NetpolAnalysis } from '../../src/analysis/netpol/analysis.js';
import { explainConnection, lookupEndpoint, type Explanation } from '../../src/analysis/netpol/explain.js';
import { computeMatrix, type ReachabilityMatrix } from '../../src/analysis/netpol/matrix.js';
import { buildModel } from '../../src/analysis/netpol/model.js';
import { formatPortSet } from '../../src/analysis/netpol/port-set.js';
import type { Protocol } from '../../src/analysis/netpol/port-set.js';
import type { K8sObject } from '../../src/k8s/object.js';
import { documentsOfText } from '../../src/source/load-objects.js';

/** Decodes multi-document YAML exactly as the CLI does. */
export function objectsOfYaml(text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const event of documentsOfText('test.yaml', text)) {
    if (event.type === 'error') throw new Error(`${event.problem.line}:${event.problem.column} ${event.problem.message}`);
    if (event.type === 'objects') out.push(...event.objects.map((loaded) => loaded.object));
  }
  return out;
}

export interface Scenario {
  readonly analysis: NetpolAnalysis;
  readonly matrix: ReachabilityMatrix;
  /** Allowed ports from one workload (`ns/name`) to another or to/from an address, as `formatPortSet` text. */
  ports(from: string, to: string): string;
  explain(from: string, to: string, port: number | string, protocol?: Protocol): Explanation;
}

export function scenario(yaml: string): Scenario {
  const analysis = analyzeNetworkPolicies(buildModel(objectsOfYaml(yaml)));
  const matrix = computeMatrix(analysis);
  const indexOf = (text: string): number => {
    const index = matrix.workloads.findIndex((workload) => `${workload.namespace}/${workload.name}` === text);
    if (index === -1) throw new Error(`no workload ${text}`);
    return index;
  };
  const regionOf = (address: string): number => {
    const found = lookupEndpoint(analysis.model, address);
    if (!found.ok || found.value.type !== 'external') throw new Error(`${address} is not an address`);
    const interval = found.value.interval;
    const index = matrix.regions.findIndex((region) => region.interval.family === interval.family && region.interval.start <= interval.start && interval.end <= region.interval.end);
    if (index === -1) throw new Error(`${address} spans several regions`);
    return index;
  };
  const isAddress = (text: string): boolean => /^[0-9.]+(\/\d+)?$/.test(text) || text.includes(':');
  return {
    analysis,
    matrix,
    ports(from, to) {
      if (isAddress(from)) return formatPortSet(matrix.fromExternal(regionOf(from), indexOf(to)));
      if (isAddress(to)) return formatPortSet(matrix.toExternal(indexOf(from), regionOf(to)));
      return formatPortSet(matrix.between(indexOf(from), indexOf(to)));
    },
    explain(from, to, port, protocol = 'TCP') {
      const source = lookupEndpoint(analysis.model, from);
      const destination = lookupEndpoint(analysis.model, to);
      if (!source.ok) throw new Error(source.message);
      if (!destination.ok) throw new Error(destination.message);
      const result = explainConnection(analysis, { from: source.value, to: destination.value, port, protocol });
      if (!result.ok) throw new Error(result.message);
      return result.value;
    },
  };
}

/** A Deployment manifest with pod labels and optional container ports (`name:number/PROTO`). */
export function deployment(namespace: string, name: string, labels: Record<string, string>, ports: readonly string[] = []): string {
  const labelLines = Object.entries(labels).map(([key, value]) => `        ${key}: "${value}"`).join('\n');
  const portLines = ports.map((spec) => {
    const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP|SCTP))?$/.exec(spec);
    if (match === null) throw new Error(`bad port spec ${spec}`);
    const [, portName, number, protocol] = match;
    return [
      `        - containerPort: ${number ?? ''}`,
      ...(portName === undefined ? [] : [`          name: ${portName}`]),
      ...(protocol === undefined ? [] : [`          protocol: ${protocol}`]),
    ].join('\n');
  }).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector: {}
  template:
    metadata:
      labels:
${labelLines === '' ? '        {}' : labelLines}
    spec:
      containers:
      - name: main
        image: example/app:1
${portLines === '' ? '' : `        ports:\n${portLines}`}
---
`;
}
