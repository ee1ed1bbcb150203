// The labels of every Namespace, kept current by a watch (an informer of @kubernetes/client-node), for
// servers that decide by namespace labels (the admission webhook reads Pod Security labels). A label
// change reaches the cache within the watch's latency, so policies change without a restart. A name the
// cache does not hold yet (a namespace created a moment ago) is looked up once with a GET.
// When the watch breaks it is restarted with backoff; the cache keeps serving what it last saw.
import { CoreV1Api, makeInformer, type KubeConfig, type V1Namespace } from '@kubernetes/client-node';

export type Labels = Readonly<Record<string, string>>;

export interface NamespaceWatchStatus {
  readonly synced: boolean;
  readonly message: string;
}

export interface NamespaceWatch {
  /** Labels from the cache; undefined when the namespace is not (yet) known. */
  labelsOf(name: string): Labels | undefined;
  /** Labels from the cache, else from one GET (bounded by `lookupTimeoutMs`); undefined if it does not exist or cannot be read. */
  lookup(name: string): Promise<Labels | undefined>;
  status(): NamespaceWatchStatus;
  readonly size: number;
  /** Resolves once the first list has been read. */
  readonly synced: Promise<void>;
  stop(): Promise<void>;
}

export interface NamespaceWatchOptions {
  readonly lookupTimeoutMs?: number;
  /** First restart delay after the watch fails; doubles up to 30 s. Default 1 s. */
  readonly retryMs?: number;
  readonly onEvent?: (event: 'add' | 'update' | 'delete' | 'error' | 'lookup-hit' | 'lookup-miss' | 'lookup-error', detail?: string) => void;
}

export function watchNamespaces(config: KubeConfig, options: NamespaceWatchOptions = {}): NamespaceWatch {
  const api = config.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1Namespace>(config, '/api/v1/namespaces', () => api.listNamespace());
  const labels = new Map<string, Labels>();
  let synced = false;
  let stopped = false;
  let lastError: string | undefined;
  let retryMs = options.retryMs ?? 1_000;
  let retryTimer: NodeJS.Timeout | undefined;
  const remember = (namespace: V1Namespace): string | undefined => {
    const name = namespace.metadata?.name;
    if (name !== undefined) labels.set(name, { ...namespace.metadata?.labels });
    return name;
  };
  informer.on('add', (namespace) => options.onEvent?.('add', remember(namespace)));
  informer.on('update', (namespace) => options.onEvent?.('update', remember(namespace)));
  informer.on('delete', (namespace) => {
    const name = namespace.metadata?.name;
    if (name !== undefined) labels.delete(name);
    options.onEvent?.('delete', name);
  });
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((resolvePromise) => { resolveSynced = resolvePromise; });
  let failures = 0;
  const start = (): void => {
    if (stopped) return;
    const failuresBefore = failures;
    // The informer's start() resolves even when its list failed (it reports through 'error'): synced only without one.
    informer.start().then(() => {
      if (failures !== failuresBefore || stopped) return;
      synced = true;
      lastError = undefined;
      retryMs = options.retryMs ?? 1_000;
      // The informer's cache is authoritative after a (re)list: drop names it no longer holds.
      const present = new Set(informer.list().map((namespace) => namespace.metadata?.name));
      for (const namespace of informer.list()) remember(namespace);
      for (const name of [...labels.keys()]) if (!present.has(name)) labels.delete(name);
      resolveSynced();
    }, (error: unknown) => failed(error));
  };
  const failed = (error: unknown): void => {
    failures++;
    lastError = messageOf(error);
    options.onEvent?.('error', lastError);
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(start, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  // The informer stops on a watch error; start it again (it lists anew, then watches).
  informer.on('error', failed);
  start();

  return {
    labelsOf: (name) => labels.get(name),
    async lookup(name) {
      const cached = labels.get(name);
      if (cached !== undefined) return cached;
      try {
        const namespace = await withTimeout(api.readNamespace({ name }), options.lookupTimeoutMs ?? 2_000);
        options.onEvent?.('lookup-miss', name);
        return { ...namespace.metadata?.labels };
      } catch (error) {
        options.onEvent?.('lookup-error', messageOf(error));
        return undefined;
      }
    },
    status: () => {
      if (!synced) return { synced: false, message: lastError === undefined ? 'listing namespaces' : `cannot list namespaces: ${lastError}` };
      return { synced: true, message: `${String(labels.size)} namespaces cached${lastError === undefined ? '' : `; watch restarting after: ${lastError}`}` };
    },
    get size() {
      return labels.size;
    },
    synced: syncedPromise,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await informer.stop();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${String(ms)} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Client errors can carry whole response bodies: keep the first line, bounded.
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
