import { didYouMean } from '../foundation/suggest.js';

/**
 * node:util parseArgs errors in kubeward's words, with "did you mean" for an unknown option (the
 * command's options are read from its usage text). Undefined for an error that is not parseArgs'.
 */
export function parseArgsMessage(error: unknown, usage: string): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') return undefined;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const options = [...usage.matchAll(/(?:^|[\s,])(--[a-z][a-z0-9-]*)/g)].map((match) => match[1] ?? '');
      const option = quoted.split('=')[0] ?? quoted;
      return `unknown option ${option}${didYouMean(option, options)}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const names = quoted.replace(/ <value>$/, '');
      return message.includes('does not take') ? `option ${names} takes no value` : `option ${names} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `unexpected argument "${quoted}": this command takes no paths`;
    default: return message;
  }
}
