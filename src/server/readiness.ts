// Readiness: a server is ready when every source says so. Sources are the server's own state (not
// shutting down) and whatever its handlers depend on (an informer that has synced, a loaded policy).
// The report is the text kube-apiserver's /readyz?verbose gives, one `[+]name ok` or `[-]name failed` line each.

export interface ReadinessStatus {
  readonly ready: boolean;
  /** One line for /readyz, e.g. `synced 12 namespaces` or `no cluster: config defaults apply to every namespace`. */
  readonly message: string;
}

export interface ReadinessSource {
  readonly name: string;
  status(): ReadinessStatus;
}

export function readinessReport(sources: readonly ReadinessSource[]): { ready: boolean; text: string } {
  const lines: string[] = [];
  let ready = true;
  for (const source of sources) {
    let status: ReadinessStatus;
    try {
      status = source.status();
    } catch (error) {
      status = { ready: false, message: `check failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!status.ready) ready = false;
    lines.push(`[${status.ready ? '+' : '-'}]${source.name} ${status.ready ? 'ok' : 'failed'}: ${status.message}`);
  }
  lines.push(ready ? 'readyz check passed' : 'readyz check failed');
  return { ready, text: `${lines.join('\n')}\n` };
}
