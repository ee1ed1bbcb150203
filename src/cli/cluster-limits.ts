import type { ConnectOptions } from '../cluster/kube-connection.js';
import { positiveNumberFlag } from './io.js';

/** The flags that bound a read of a live cluster, shared by `scan --cluster` and `snapshot`. */
export const CLUSTER_LIMIT_OPTIONS = {
  'request-timeout': { type: 'string' },
  timeout: { type: 'string' },
  'max-response-size': { type: 'string' },
} as const;

export const CLUSTER_LIMIT_FLAGS = Object.keys(CLUSTER_LIMIT_OPTIONS) as (keyof typeof CLUSTER_LIMIT_OPTIONS)[];

export const CLUSTER_LIMIT_USAGE = `      --request-timeout S    give up on one request after S seconds (default 30)
      --timeout S            give up on the whole read after S seconds, credential plugins included (default 600)
      --max-response-size M  refuse an answer larger than M MiB (default 512)`;

type LimitValues = Partial<Record<keyof typeof CLUSTER_LIMIT_OPTIONS, string | undefined>>;

export function clusterLimits(values: LimitValues): Pick<ConnectOptions, 'requestTimeoutMs' | 'deadlineMs' | 'maxResponseBytes'> {
  const requestTimeoutMs = positiveNumberFlag(values['request-timeout'], 'request-timeout', 'seconds', 1000);
  const deadlineMs = positiveNumberFlag(values.timeout, 'timeout', 'seconds', 1000);
  const maxResponseBytes = positiveNumberFlag(values['max-response-size'], 'max-response-size', 'MiB', 1024 * 1024);
  return {
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
    ...(deadlineMs === undefined ? {} : { deadlineMs }),
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
  };
}
