// `kubeward ARGS` from the sources (bin/kubeward.js runs the built dist/), for tests that need a real process.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
