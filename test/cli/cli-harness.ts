import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with real streams, as `kubeward ARGS` would in `cwd`. */
export async function runCli(args: readonly string[], options: { cwd: string; stdin?: string; env?: Record<string, string>; stderrIsTTY?: boolean; stdoutIsTTY?: boolean; columns?: number }): Promise<CliRun> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.stdoutIsTTY === true, ...(options.columns === undefined ? {} : { columns: options.columns }) });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.stderrIsTTY === true });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(args, {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout,
    stderr,
    cwd: options.cwd,
    env: { ...options.env },
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
