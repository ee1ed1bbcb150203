import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// The metrics every kubeward server exports. Each server owns its Registry (no prom-client global state),
// so two servers in one process, or one per test, never share counters. Every name starts with
// `kubeward_`; handlers register their own metrics on the same registry (see ServerContext.metrics).

/** Latency buckets in seconds: admission answers take well under a millisecond to a few milliseconds. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'code'>;
  readonly duration: Histogram<'route' | 'method'>;
  readonly inFlight: Gauge;
  readonly shed: Counter<'route'>;
  readonly tlsReloads: Counter<'result'>;
  readonly tlsNotAfter: Gauge;
}

export function createServerMetrics(registry: Registry = new Registry(), options: { processMetrics?: boolean } = {}): ServerMetrics {
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'kubeward_' });
  return {
    registry,
    requests: new Counter({
      name: 'kubeward_http_requests_total',
      help: 'HTTP requests answered, by route, method and status code.',
      labelNames: ['route', 'method', 'code'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'kubeward_http_request_duration_seconds',
      help: 'Time from the first byte of a request to the end of its answer.',
      labelNames: ['route', 'method'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'kubeward_http_requests_in_flight',
      help: 'Requests being read or answered.',
      registers: [registry],
    }),
    shed: new Counter({
      name: 'kubeward_http_requests_shed_total',
      help: 'Requests refused with 429 because too many were in flight.',
      labelNames: ['route'] as const,
      registers: [registry],
    }),
    tlsReloads: new Counter({
      name: 'kubeward_tls_reloads_total',
      help: 'Serving certificate reloads after the files changed, by result (success or failure).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    tlsNotAfter: new Gauge({
      name: 'kubeward_tls_certificate_not_after_timestamp_seconds',
      help: 'Expiry (notAfter) of the serving certificate in service, as a Unix time.',
      registers: [registry],
    }),
  };
}
