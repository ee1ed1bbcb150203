import { commands } from './commands.js';
import { didYouMean } from '../foundation/suggest.js';
import { parseArgsMessage } from './suggest.js';
import { CliError, UsageError, type CliIO, type Command } from './io.js';
import { KUBEWARD_VERSION } from '../version.js';
import { escapeTerminal, escapeTerminalLine } from '../report/terminal-text.js';

function help(): string {
  const list = commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join('\n');
  return `kubeward ${KUBEWARD_VERSION}: find what is insecure in Kubernetes manifests and clusters, explain it, and fix it.

Usage: kubeward COMMAND [options]

Commands:
${list}

Run \`kubeward COMMAND --help\` for a command's options.`;
}

/** The CLI entry point: returns the exit code; never throws for user errors. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  // `kubeward help COMMAND` is `kubeward COMMAND --help`.
  if (name === 'help' && rest[0] !== undefined) return main([rest[0], '--help'], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${KUBEWARD_VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`kubeward: unknown command "${escapeTerminalLine(name)}"${didYouMean(name, commands.map((candidate) => candidate.name))}\n\n${help()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : parseArgsMessage(error, command.usage);
    if (message !== undefined) {
      io.stderr.write(`kubeward ${command.name}: ${escapeTerminal(message)}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`kubeward ${command.name}: ${escapeTerminal(error.message)}\n`);
      return 2;
    }
    const internal = error instanceof Error ? error.message : String(error);
    io.stderr.write(`kubeward ${command.name}: internal error: ${escapeTerminal(internal)}\n`);
    if (io.env['KUBEWARD_DEBUG'] !== undefined && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
