import { main } from './main.js';

/** Exit status of a program ended by SIGPIPE (128 + 13), as a shell reports `kubectl ... | head`. */
export const CLOSED_PIPE_EXIT_CODE = 141;

/**
 * Runs the CLI as the `kubeward` process. A reader that goes away (`kubeward scan | head`) closes
 * the pipe: kubeward then stops at once and quietly, as a program killed by SIGPIPE does, instead
 * of dying on an unhandled EPIPE with a stack trace.
 */
export async function runAsProcess(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(CLOSED_PIPE_EXIT_CODE);
      throw error;
    });
  }
  process.exitCode = await main(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
}
