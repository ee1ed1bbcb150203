import type { Writable } from 'node:stream';

// Structured JSON logs, one object per line. Field values are scalars only: a log line can name an object
// (kind, namespace, name, uid) but the type makes it hard to log an object's contents, which may hold
// Secret values or personal data.

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const RESERVED = new Set(['time', 'level', 'msg']);
const LEVEL_RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  /** Lines below this level are dropped; default `info`. */
  readonly level?: LogLevel;
  readonly fields?: LogFields;
  readonly now?: () => Date;
}

export function createJsonLogger(stream: Writable, options: JsonLoggerOptions = {}): Logger {
  const minimum = LEVEL_RANK[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const make = (base: LogFields): Logger => {
    const write = (level: LogLevel, message: string, fields: LogFields | undefined): void => {
      if (LEVEL_RANK[level] < minimum) return;
      // time, level and msg come first and a field of the same name never overrides them.
      const entry: Record<string, LogValue> = { time: now().toISOString(), level, msg: message };
      for (const source of [base, fields ?? {}]) {
        for (const [key, value] of Object.entries(source)) if (!RESERVED.has(key) && value !== undefined) entry[key] = value;
      }
      stream.write(`${JSON.stringify(entry)}\n`);
    };
    return {
      debug: (message, fields) => write('debug', message, fields),
      info: (message, fields) => write('info', message, fields),
      warn: (message, fields) => write('warn', message, fields),
      error: (message, fields) => write('error', message, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

/** A logger that drops everything (library use without logs). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

export function parseLogLevel(text: string): LogLevel | undefined {
  return Object.prototype.hasOwnProperty.call(LEVEL_RANK, text) ? (text as LogLevel) : undefined;
}

/** The message of a thrown value, without its stack (stacks can quote request data in some libraries). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
