// `kubeward ARGS` from the sources, for tests that need the CLI in a process of its own (another user).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
