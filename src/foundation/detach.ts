// Parsers return substrings that V8 keeps as views of the whole input (a sliced string holds its
// parent alive). Anything kept past its document is copied first, or every file read stays in memory.

/** A deep copy of a JSON value that shares no strings with its source. */
export function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A string that does not keep the text it was sliced from alive. */
export function detachString(text: string): string {
  // Short strings are copied by V8 anyway; longer ones may be slices of a whole file.
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
