// Text from manifests, clusters and file names reaches the terminal in the human-readable outputs.
// A terminal obeys control characters in it: `\r` and `ESC[1A` `ESC[2K` can rewrite lines already
// printed (a fake "no findings"), OSC sequences set the window title or clipboard. As kubectl does
// for its printers, control characters are shown visibly instead: ESC as ^[, CR as \r, other C0/C1
// controls and DEL as \xNN, and Unicode bidirectional overrides (which reorder what is shown) as \u{N}.

// C0 except tab and line feed, DEL, C1, and the bidirectional embedding, override and isolate marks.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const UNSAFE_OR_NEWLINE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function visible(character: string): string {
  const code = character.charCodeAt(0);
  if (code === 0x1b) return '^[';
  if (code === 0x0d) return '\\r';
  if (code === 0x0a) return '\\n';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** Text safe to print on a terminal; line feeds and tabs are kept. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Text safe to print on one terminal line: line feeds are shown as \n too. */
export function escapeTerminalLine(text: string): string {
  return text.replace(UNSAFE_OR_NEWLINE, visible);
}
