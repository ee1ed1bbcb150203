import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Counter, Gauge } from 'prom-client';
import { AdmissionController, type AdmissionOutcome } from '../../admission/admission-controller.js';
import type { AdmissionConfig } from '../../admission/admission-config.js';
import { formatLevelVersion } from '../../admission/pod-security-policy.js';
import { parseAdmissionReview, reviewResponse } from '../../admission/review.js';
import type { KubewardConfig } from '../../engine/config.js';
import type { Rule } from '../../engine/rule.js';
import { startHttpsServer, type RouteRequest, type RouteResponse, type RunningHttpsServer } from '../../server/https-server.js';
import { silentLogger, type Logger } from '../../server/logger.js';
import type { ReadinessSource } from '../../server/readiness.js';
import { createServerMetrics } from '../../server/server-metrics.js';
import { statusBody } from '../../server/status.js';
import type { NamespaceWatch } from '../../cluster/namespace-watch.js';

// `kubeward serve`: the admission core (src/admission) behind the shared HTTPS layer (src/server), with
// namespace labels from a watch of the live API. Everything here is wiring: routes, readiness, metrics.

export const DEFAULT_ADMISSION_PORT = 8443;
/** Below the webhook's timeoutSeconds (10 in `serve manifests`), so we answer before the API server gives up. */
export const DEFAULT_ADMISSION_DEADLINE_MS = 8_000;
/** The API server sends at most ~3 MiB objects (etcd's limit is 1.5 MiB, an UPDATE carries two). */
export const ADMISSION_MAX_BODY_BYTES = 7 * 1024 * 1024;

export type NamespaceSource =
  | { readonly kind: 'watch'; readonly watch: NamespaceWatch }
  | { readonly kind: 'none'; readonly reason: string };

export interface AdmissionServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly tlsPollIntervalMs?: number;
  readonly admission: AdmissionConfig;
  readonly config: KubewardConfig;
  readonly rules: readonly Rule[];
  readonly namespaces: NamespaceSource;
  readonly logger?: Logger;
  readonly deadlineMs?: number;
  readonly maxInFlight?: number;
  readonly shutdownDelayMs?: number;
  readonly today?: () => string;
}

export interface RunningAdmissionServer {
  readonly server: RunningHttpsServer;
  readonly controller: AdmissionController;
  shutdown(reason?: string): Promise<void>;
}

export async function startAdmissionServer(options: AdmissionServerOptions): Promise<RunningAdmissionServer> {
  const logger = options.logger ?? silentLogger;
  const controller = new AdmissionController({
    admission: options.admission,
    config: options.config,
    rules: options.rules,
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  });
  const metrics = createServerMetrics();
  const reviews = new Counter({
    name: 'kubeward_admission_reviews_total',
    help: 'AdmissionReviews answered, by webhook (validate, mutate), operation, kind and decision (allow, deny, warn, patch, exempt, skip, invalid).',
    labelNames: ['webhook', 'operation', 'kind', 'decision'] as const,
    registers: [metrics.registry],
  });
  const ruleHits = new Counter({
    name: 'kubeward_admission_rule_hits_total',
    help: 'Rules and Pod Security checks that took part in a decision, by webhook, rule and action (deny, warn, audit, patch).',
    labelNames: ['webhook', 'rule', 'action'] as const,
    registers: [metrics.registry],
  });
  const namespacesCached = new Gauge({
    name: 'kubeward_admission_namespaces_cached',
    help: 'Namespaces whose labels are cached from the watch.',
    registers: [metrics.registry],
    collect() {
      this.set(options.namespaces.kind === 'watch' ? options.namespaces.watch.size : 0);
    },
  });
  void namespacesCached;

  const labelsFor = async (namespace: string): Promise<Readonly<Record<string, string>> | undefined> => {
    if (namespace === '' || options.namespaces.kind === 'none') return undefined;
    return options.namespaces.watch.lookup(namespace);
  };

  const route = (webhook: 'validate' | 'mutate') => async (request: RouteRequest): Promise<RouteResponse> => {
    const parsed = parseAdmissionReview(request.body);
    if (!parsed.ok) {
      reviews.inc({ webhook, operation: 'unknown', kind: 'unknown', decision: 'invalid' });
      request.annotate({ decision: 'invalid', problem: parsed.message.slice(0, 200) });
      return { status: 400, body: statusBody(400, 'BadRequest', `not a valid AdmissionReview: ${parsed.message}`) };
    }
    const review = parsed.request;
    const labels = await labelsFor(review.namespace);
    const outcome: AdmissionOutcome = webhook === 'validate' ? controller.validate(review, labels) : controller.mutate(review, labels);
    reviews.inc({ webhook, operation: review.operation, kind: review.kind.kind, decision: outcome.decision });
    for (const hit of outcome.hits) ruleHits.inc({ webhook, rule: hit.rule, action: hit.action });
    // Metadata only: which object, what was decided and by which rules; never the object or a message quoting it.
    request.annotate({
      uid: review.uid,
      operation: review.operation,
      kind: review.kind.kind,
      namespace: review.namespace,
      name: review.name,
      user: review.userInfo.username,
      dryRun: review.dryRun,
      decision: outcome.decision,
      rules: [...new Set(outcome.hits.map((hit) => hit.rule))].join(',') || undefined,
    });
    return { status: 200, body: JSON.stringify(reviewResponse(outcome.response)) };
  };

  const readiness: ReadinessSource[] = [{
    name: 'namespaces',
    status: () => {
      const source = options.namespaces;
      if (source.kind === 'none') {
        return { ready: true, message: `no cluster connection (${source.reason}): the configured defaults (${defaultsText(options.admission)}) apply to every namespace` };
      }
      const status = source.watch.status();
      return { ready: status.synced, message: status.message };
    },
  }];

  const server = await startHttpsServer({
    name: 'admission',
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    tls: { certFile: options.certFile, keyFile: options.keyFile, ...(options.tlsPollIntervalMs === undefined ? {} : { pollIntervalMs: options.tlsPollIntervalMs }) },
    routes: [
      { method: 'POST', path: '/validate', maxBodyBytes: ADMISSION_MAX_BODY_BYTES, handle: route('validate') },
      { method: 'POST', path: '/mutate', maxBodyBytes: ADMISSION_MAX_BODY_BYTES, handle: route('mutate') },
    ],
    readiness,
    logger,
    metrics,
    requestTimeoutMs: options.deadlineMs ?? DEFAULT_ADMISSION_DEADLINE_MS,
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
    shutdown: { delayMs: options.shutdownDelayMs ?? 0 },
  });
  return {
    server,
    controller,
    async shutdown(reason) {
      await server.shutdown(reason);
      if (options.namespaces.kind === 'watch') await options.namespaces.watch.stop();
    },
  };
}

function defaultsText(admission: AdmissionConfig): string {
  const { enforce, audit, warn } = admission.defaults;
  return `enforce=${formatLevelVersion(enforce)}, audit=${formatLevelVersion(audit)}, warn=${formatLevelVersion(warn)}`;
}

/**
 * Where the namespace watch connects: an explicit kubeconfig, $KUBECONFIG, ~/.kube/config, or the pod's
 * service account; `none` with the reason when there is none of these.
 */
export function clusterConnectionOf(env: Readonly<Record<string, string | undefined>>, kubeconfig: string | undefined): { kind: 'kubeconfig'; path?: string } | { kind: 'in-cluster' } | { kind: 'none'; reason: string } {
  if (kubeconfig !== undefined) return { kind: 'kubeconfig', path: kubeconfig };
  if ((env['KUBECONFIG'] ?? '') !== '') return { kind: 'kubeconfig' };
  const home = env['HOME'];
  if (home !== undefined && home !== '' && existsSync(join(home, '.kube', 'config'))) return { kind: 'kubeconfig' };
  if ((env['KUBERNETES_SERVICE_HOST'] ?? '') !== '' && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) return { kind: 'in-cluster' };
  return { kind: 'none', reason: 'no kubeconfig and not in a pod' };
}
