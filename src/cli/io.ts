import type { Readable, Writable } from 'node:stream';
import { formatKubeVersion, LATEST_KUBE_MINOR, parseKubeVersion, SHIPPED_SCHEMA_MINORS, type KubeMinor } from '../foundation/kube-version.js';

/** Everything a command touches outside itself, so commands run in-process in tests with real streams. */
export interface CliIO {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  readonly name: string;
  /** One line for `kubeward --help`. */
  readonly summary: string;
  /** Full usage text for `kubeward COMMAND --help`. */
  readonly usage: string;
  /** Returns the process exit code: 0 ok, 1 findings at/above the threshold (or `no`), 2 usage or input error. */
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

export class UsageError extends Error {}

/** A problem the user can act on that is not a usage mistake (e.g. the output cannot be written): message, exit 2, no usage text. */
export class CliError extends Error {}

/** A positive number flag, scaled to the unit the code uses; undefined when the flag is absent. */
export function positiveNumberFlag(value: string | undefined, flag: string, unit: string, scale: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${flag} must be a positive number of ${unit}`);
  return Math.max(1, Math.floor(number * scale));
}

/** `--kube-version v1.N`: a release kubeward can judge for (the shipped schemas and newer ones up to the newest known). */
export function kubeVersionFlag(value: string | undefined): KubeMinor | undefined {
  if (value === undefined) return undefined;
  const minor = parseKubeVersion(value);
  const oldest = SHIPPED_SCHEMA_MINORS[0] ?? LATEST_KUBE_MINOR;
  if (minor === undefined || minor < oldest || minor > LATEST_KUBE_MINOR) {
    throw new UsageError(`invalid --kube-version "${value}" (expected ${formatKubeVersion(oldest)} to ${formatKubeVersion(LATEST_KUBE_MINOR)}, e.g. v1.30)`);
  }
  return minor;
}
