import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { KUBEWARD_VERSION } from '../../version.js';
import { UsageError, type CliIO } from '../io.js';
import { writeOutput } from '../output.js';

// `kubeward serve manifests`: everything to run the webhook in a cluster, as one YAML stream. Least privilege
// (get/list/watch namespaces), two replicas spread over nodes, a PodDisruptionBudget and an autoscaler (the
// server keeps no state but its namespace cache, so replicas need nothing shared), the restricted Pod
// Security level for its own pods, and both webhook configurations. The webhooks leave out kube-system and
// kubeward's own namespace: a broken webhook must never stop the control plane or its own recovery.

/** The private ranges (RFC 1918) control planes usually sit in; narrow them with --apiserver-cidr. */
export const DEFAULT_APISERVER_CIDRS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

const USAGE = `Usage: kubeward serve manifests [--ca-file FILE | --cert-manager ISSUER] [options]

Prints the objects that run \`kubeward serve\` in a cluster: Namespace, ServiceAccount, ClusterRole and
ClusterRoleBinding (get/list/watch namespaces, nothing else), ConfigMap (.kubeward.yaml), Deployment,
PodDisruptionBudget, HorizontalPodAutoscaler, Service, ValidatingWebhookConfiguration and
MutatingWebhookConfiguration.

Options:
      --namespace NS            namespace to run in (default kubeward)
      --image IMAGE             container image (default kubeward/kubeward:${KUBEWARD_VERSION})
      --replicas N              replicas, at least 2 (default 2)
      --ca-file FILE            CA that signed the serving certificate (\`kubeward serve cert\`): its
                                PEM becomes the webhooks' caBundle; the certificate and key go in the
                                Secret kubeward-tls (kubectl create secret tls kubeward-tls ...)
      --cert-manager ISSUER     let cert-manager issue the certificate (a Certificate for the Issuer
                                ISSUER in NS) and inject the caBundle (cainjector annotation)
      --validate-failure-policy Fail|Ignore   (default Fail: nothing unchecked gets in while kubeward is down)
      --mutate-failure-policy Fail|Ignore     (default Ignore: hardening is best effort; validation still checks)
      --apiserver-cidr CIDR     addresses of the API server, for the NetworkPolicy (repeatable; default
                                the private ranges ${DEFAULT_APISERVER_CIDRS.join(', ')})
  -o, --output FILE             write to FILE (default: standard output)
  -h, --help                    show this help`;

export interface ManifestOptions {
  readonly namespace: string;
  readonly image: string;
  readonly replicas: number;
  readonly tls: { readonly kind: 'ca'; readonly caPem: string } | { readonly kind: 'cert-manager'; readonly issuer: string };
  readonly validateFailurePolicy: 'Fail' | 'Ignore';
  readonly mutateFailurePolicy: 'Fail' | 'Ignore';
  /** Where the API server calls from and listens (NetworkPolicy peers). */
  readonly apiServerCidrs: readonly string[];
}


const NAME = 'kubeward';
const LABELS = { 'app.kubernetes.io/name': 'kubeward', 'app.kubernetes.io/component': 'admission-webhook' };
const TLS_SECRET = 'kubeward-tls';
/** The API server gives up after this; the server answers within 8 s (DEFAULT_ADMISSION_DEADLINE_MS). */
const TIMEOUT_SECONDS = 10;

/** Every object, in the order `kubectl apply -f` should create them. */
export function admissionManifests(options: ManifestOptions): Record<string, unknown>[] {
  const ns = options.namespace;
  const meta = (name: string, namespaced = true): Record<string, unknown> => ({ name, ...(namespaced ? { namespace: ns } : {}), labels: LABELS });
  const service = `${NAME}.${ns}.svc`;
  const namespaceSelector = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', ns] }] };
  const caInjection = options.tls.kind === 'cert-manager' ? { annotations: { 'cert-manager.io/inject-ca-from': `${ns}/${NAME}-serving` } } : {};
  const clientConfig = (path: string): Record<string, unknown> => ({
    service: { name: NAME, namespace: ns, path, port: 443 },
    ...(options.tls.kind === 'ca' ? { caBundle: Buffer.from(options.tls.caPem).toString('base64') } : {}),
  });
  const podRules = [
    { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers'], scope: 'Namespaced' },
    { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], scope: 'Namespaced' },
    { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'], scope: 'Namespaced' },
  ];
  const otherRules = [
    { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['services', 'configmaps'], scope: 'Namespaced' },
    { apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'], scope: 'Namespaced' },
    { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], scope: '*' },
  ];
  const webhook = { sideEffects: 'None', admissionReviewVersions: ['v1'], timeoutSeconds: TIMEOUT_SECONDS, namespaceSelector, matchPolicy: 'Equivalent' };
  const podSecurity = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ...LABELS, ...podSecurity } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(NAME), automountServiceAccountToken: false },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('kubeward-admission', false),
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('kubeward-admission', false),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeward-admission' },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: ns }],
    },
    {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${NAME}-config`),
      data: {
        '.kubeward.yaml': [
          '# Policy of `kubeward serve` (docs: README, "Admission"). defaults and exemptions are spelled as',
          "# Pod Security Admission's PodSecurityConfiguration.",
          'admission:',
          '  defaults: {enforce: baseline, enforce-version: latest, audit: restricted, audit-version: latest, warn: restricted, warn-version: latest}',
          `  exemptions: {usernames: [], runtimeClasses: [], namespaces: [kube-system, ${ns}]}`,
          '  rules: {deny: critical, warn: high}',
          '  suppressions: none',
          '',
        ].join('\n'),
      },
    },
    ...(options.tls.kind === 'cert-manager' ? [{
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta(`${NAME}-serving`),
      spec: { secretName: TLS_SECRET, dnsNames: [service, `${service}.cluster.local`], issuerRef: { kind: 'Issuer', name: options.tls.issuer }, privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' } },
    }] : []),
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(NAME),
      spec: {
        replicas: options.replicas,
        selector: { matchLabels: LABELS },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            serviceAccountName: NAME,
            // The token is mounted by hand, for the namespace watch only.
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: LABELS }, topologyKey: 'kubernetes.io/hostname' } }],
              },
            },
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: LABELS } }],
            terminationGracePeriodSeconds: 40,
            containers: [{
              name: 'kubeward',
              image: options.image,
              imagePullPolicy: 'Always',
              args: ['serve', '--tls-cert-file=/tls/tls.crt', '--tls-private-key-file=/tls/tls.key', '--port=8443', '--config=/config/.kubeward.yaml', '--shutdown-delay=5'],
              ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 5, failureThreshold: 2 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
              startupProbe: { httpGet: { path: '/healthz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 2, failureThreshold: 30 },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                { name: 'tls', mountPath: '/tls', readOnly: true },
                { name: 'config', mountPath: '/config', readOnly: true },
                { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
              ],
            }],
            volumes: [
              { name: 'tls', secret: { secretName: TLS_SECRET } },
              { name: 'config', configMap: { name: `${NAME}-config` } },
              {
                name: 'kube-api-access',
                projected: {
                  sources: [
                    { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
                    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
                  ],
                },
              },
            ],
          },
        },
      },
    },
    // Nothing in or out but what the webhook needs: the API server calls it on 8443; it calls the API server.
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('default-deny'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(NAME),
      spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ['Ingress', 'Egress'],
        // The API server is no pod a selector could name: its addresses (--apiserver-cidr) and the port are the restriction.
        ingress: [{ from: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 8443 }] }],
        egress: [{ to: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] }],
      },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(NAME), spec: { minAvailable: 1, selector: { matchLabels: LABELS } } },
    {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(NAME),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: NAME },
        minReplicas: options.replicas, maxReplicas: Math.max(options.replicas * 3, 6),
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: meta(NAME),
      spec: { type: 'ClusterIP', selector: LABELS, ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { ...meta(NAME, false), ...caInjection },
      webhooks: [{ name: 'mutate.kubeward.dev', clientConfig: clientConfig('/mutate'), rules: podRules.map((rule) => ({ ...rule, resources: rule.resources.filter((resource) => !resource.includes('/')) })), failurePolicy: options.mutateFailurePolicy, reinvocationPolicy: 'IfNeeded', ...webhook }],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { ...meta(NAME, false), ...caInjection },
      webhooks: [{ name: 'validate.kubeward.dev', clientConfig: clientConfig('/validate'), rules: [...podRules, ...otherRules], failurePolicy: options.validateFailurePolicy, ...webhook }],
    },
  ];
}

export function formatManifests(objects: readonly Record<string, unknown>[]): string {
  const header = `# kubeward ${KUBEWARD_VERSION} admission webhook: generated by \`kubeward serve manifests\`; apply with kubectl apply -f.\n`;
  return header + objects.map((object) => `---\n${stringify(object, { lineWidth: 0 })}`).join('');
}

export async function serveManifests(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      namespace: { type: 'string' },
      image: { type: 'string' },
      replicas: { type: 'string' },
      'ca-file': { type: 'string' },
      'cert-manager': { type: 'string' },
      'validate-failure-policy': { type: 'string' },
      'mutate-failure-policy': { type: 'string' },
      'apiserver-cidr': { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
  const replicas = values.replicas === undefined ? 2 : Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 2) throw new UsageError('--replicas must be 2 or more (one replica is a single point of failure for every pod admission)');
  const policy = (flag: string, value: string | undefined, fallback: 'Fail' | 'Ignore'): 'Fail' | 'Ignore' => {
    if (value === undefined) return fallback;
    if (value !== 'Fail' && value !== 'Ignore') throw new UsageError(`--${flag} must be Fail or Ignore`);
    return value;
  };
  if ((values['ca-file'] === undefined) === (values['cert-manager'] === undefined)) throw new UsageError('pass one of --ca-file FILE (the CA of `kubeward serve cert`) or --cert-manager ISSUER');
  let tls: ManifestOptions['tls'];
  if (values['ca-file'] !== undefined) {
    const file = resolve(io.cwd, values['ca-file']);
    let caPem: string;
    try {
      caPem = await readFile(file, 'utf8');
    } catch (error) {
      io.stderr.write(`kubeward serve manifests: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----')) {
      io.stderr.write(`kubeward serve manifests: ${file} is not a PEM certificate\n`);
      return 2;
    }
    tls = { kind: 'ca', caPem };
  } else {
    tls = { kind: 'cert-manager', issuer: values['cert-manager'] ?? '' };
  }
  const objects = admissionManifests({
    namespace: values.namespace ?? 'kubeward',
    image: values.image ?? `kubeward/kubeward:${KUBEWARD_VERSION}`,
    replicas,
    tls,
    validateFailurePolicy: policy('validate-failure-policy', values['validate-failure-policy'], 'Fail'),
    mutateFailurePolicy: policy('mutate-failure-policy', values['mutate-failure-policy'], 'Ignore'),
    apiServerCidrs: values['apiserver-cidr'] ?? DEFAULT_APISERVER_CIDRS,
  });
  await writeOutput(formatManifests(objects), values.output, io);
  return 0;
}
