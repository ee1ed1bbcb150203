import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compactSchemaOf } from '../../../../scripts/generate-openapi-schema.js';
import type { K8sObject } from '../../../k8s/object.js';
import { describeNode, validateObject } from './field-issues.js';
import { compileSchema, NODE, schemaFileOf, shippedSchema } from './kubernetes-schema.js';

// The generator's conversion of upstream JSON Schema definitions, and the data file it produced.

const definitions = {
  $defs: {
    'io.k8s.api.demo.v1.Widget': {
      type: ['object', 'null'],
      'x-kubernetes-group-version-kind': [{ group: 'demo.k8s.io', version: 'v1', kind: 'Widget' }],
      properties: {
        apiVersion: { type: ['string', 'null'] },
        kind: { type: ['string', 'null'] },
        metadata: { $ref: '#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        port: { $ref: '#/$defs/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        size: { $ref: '#/$defs/io.k8s.apimachinery.pkg.api.resource.Quantity' },
        limits: { type: ['object', 'null'], additionalProperties: { $ref: '#/$defs/io.k8s.apimachinery.pkg.api.resource.Quantity' } },
        parts: { type: ['array', 'null'], items: { $ref: '#/$defs/io.k8s.api.demo.v1.Widget' } },
        raw: { $ref: '#/$defs/io.k8s.apimachinery.pkg.runtime.RawExtension' },
        json: { $ref: '#/$defs/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON' },
        count: { type: ['integer', 'null'], format: 'int32' },
        ratio: { type: ['number', 'null'] },
        enabled: { type: ['boolean', 'null'] },
        open: { $ref: '#/$defs/io.k8s.api.demo.v1.Open' },
      },
    },
    'io.k8s.api.demo.v1.Open': { type: ['object', 'null'], 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { type: ['object', 'null'], properties: { name: { type: ['string', 'null'] }, labels: { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] } } } },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: ['string', 'null'] }, { type: ['integer', 'null'] }] },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: ['string', 'null'] }, { type: ['number', 'null'] }] },
    'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: ['object', 'null'] },
    'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': { description: 'any JSON value' },
  },
};

describe('generator conversion (scripts/generate-openapi-schema.ts)', () => {
  const compact = compactSchemaOf(JSON.stringify(definitions), 'v1.37.0');

  it('keeps object types with their fields as type expressions', () => {
    assert.deepEqual(compact.kinds, { 'demo.k8s.io/v1/Widget': 'io.k8s.api.demo.v1.Widget' });
    assert.deepEqual(compact.types['io.k8s.api.demo.v1.Widget'], {
      apiVersion: 'string',
      count: 'integer',
      enabled: 'boolean',
      json: 'any',
      kind: 'string',
      limits: 'map[string]quantity',
      metadata: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      open: 'io.k8s.api.demo.v1.Open',
      parts: '[]io.k8s.api.demo.v1.Widget',
      port: 'int-or-string',
      ratio: 'number',
      raw: 'object',
      size: 'quantity',
    });
    assert.deepEqual(compact.types['io.k8s.api.demo.v1.Open'], { known: 'string', '...': 'any' });
    assert.equal(compact.types['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], undefined);
  });

  it('compiles into validators that accept valid objects and report the rest', () => {
    const schema = compileSchema(compact);
    const valid = {
      apiVersion: 'demo.k8s.io/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } }, port: 'http', size: 1.5,
      limits: { cpu: '100m' }, parts: [{ port: 8080, count: 2 }], raw: { anything: [1] }, json: [true], ratio: 0.5, enabled: false,
      open: { known: 'x', extra: { deep: 1 } }, count: null,
    };
    assert.deepEqual(validateObject(schema, valid), []);
    const invalid = { apiVersion: 'demo.k8s.io/v1', kind: 'Widget', port: 1.5, parts: [{ cnt: 1, size: true }], metadata: { labels: { a: 1 } } };
    assert.deepEqual(
      validateObject(schema, invalid as unknown as K8sObject).map((issue) => [issue.type, issue.path.join('.'), issue.type === 'mistyped' ? issue.expected : issue.field]),
      [
        ['mistyped', 'port', 'an integer or a string'],
        ['unknown', 'parts.0.cnt', 'cnt'],
        ['mistyped', 'parts.0.size', 'a quantity (a string such as "500m" or "1Gi", or a number)'],
        ['mistyped', 'metadata.labels.a', 'a string'],
      ],
    );
  });

  it('refuses shapes it cannot represent instead of guessing', () => {
    const anonymous = { $defs: { 'x.A': { type: 'object', properties: { inner: { type: 'object', properties: { b: { type: 'string' } } } } } } };
    assert.throws(() => compactSchemaOf(JSON.stringify(anonymous), 'v1.37.0'), /anonymous object type/);
    const dangling = { $defs: { 'x.A': { type: 'object', properties: { b: { $ref: '#/$defs/x.Missing' } } } } };
    assert.throws(() => compactSchemaOf(JSON.stringify(dangling), 'v1.37.0'), /unresolved \$ref/);
  });
});

describe(`shipped schema data (data/openapi/${schemaFileOf(37)})`, () => {
  const data = JSON.parse(readFileSync(new URL(`../../../../data/openapi/${schemaFileOf(37)}`, import.meta.url), 'utf8')) as {
    kubernetesVersion: string; source: { package: string; version: string; sha256: string };
  };
  const schema = shippedSchema();

  it('names its Kubernetes version and where it came from', () => {
    assert.equal(data.kubernetesVersion, 'v1.37.0');
    assert.equal(schema.kubernetesVersion, data.kubernetesVersion);
    assert.equal(data.source.package, 'pypi:kubernetes-validate');
    assert.match(data.source.sha256, /^[0-9a-f]{64}$/);
  });

  it('has a root for every workload and policy kind kubeward checks, and none for custom resources', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'Pod'], ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'],
      ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['v1', 'ReplicationController'], ['v1', 'PodTemplate'],
      ['networking.k8s.io/v1', 'NetworkPolicy'], ['networking.k8s.io/v1', 'Ingress'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['v1', 'Service'], ['v1', 'Secret'], ['v1', 'ConfigMap'], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
    ] as const) {
      assert.ok(schema.rootOf(apiVersion, kind) !== undefined, `${apiVersion} ${kind}`);
    }
    assert.equal(schema.rootOf('monitoring.coreos.com/v1', 'ServiceMonitor'), undefined);
    assert.equal(schema.rootOf('extensions/v1beta1', 'Deployment'), undefined, 'removed in v1.16');
    assert.equal(schema.rootOf('policy/v1beta1', 'PodSecurityPolicy'), undefined, 'removed in v1.25');
  });

  it('knows the fields and types of the container security context', () => {
    const pod = schema.rootOf('v1', 'Pod');
    const spec = pod?.fields.get('spec');
    assert.ok(spec?.tag === NODE.object);
    const containers = spec.fields.get('containers');
    assert.ok(containers?.tag === NODE.list && containers.items.tag === NODE.object);
    const securityContext = containers.items.fields.get('securityContext');
    assert.ok(securityContext?.tag === NODE.object);
    assert.equal(securityContext.name, 'io.k8s.api.core.v1.SecurityContext');
    const privileged = securityContext.fields.get('privileged');
    assert.ok(privileged !== undefined);
    assert.equal(describeNode(privileged), 'a boolean (true or false)');
    const capabilities = securityContext.fields.get('capabilities');
    assert.ok(capabilities?.tag === NODE.object);
    assert.equal(describeNode(capabilities.fields.get('drop') ?? privileged), 'a list of strings');
    assert.equal(spec.fields.get('networkPolicy'), undefined);
    const podSecurityContext = spec.fields.get('securityContext');
    assert.ok(podSecurityContext?.tag === NODE.object && podSecurityContext.fields.get('privileged') === undefined);
  });
});

describe('deeply nested objects', () => {
  it('fail open (no issues) when recursion through CRD schemas exhausts the stack', () => {
    let properties: Record<string, unknown> = { type: 'string', unknownKey: 1 };
    for (let depth = 0; depth < 50_000; depth++) properties = { type: 'object', properties: { a: properties } };
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: properties } }] } };
    assert.deepEqual(validateObject(shippedSchema(), crd), []);
    // The walker is usable again afterwards.
    assert.equal(validateObject(shippedSchema(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, dta: {} }).length, 1);
  });
});
