// A field path is data (segments), printed only at the edge as
// `spec.template.spec.containers[0].securityContext.privileged`.
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatFieldPath(path: FieldPath): string {
  // Joined, not appended: findings keep their paths, and `+=` would keep each as a chain of pieces.
  const parts: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') parts.push(`[${segment}]`);
    else if (PLAIN_KEY.test(segment)) parts.push(parts.length === 0 ? segment : `.${segment}`);
    // Keys such as annotation names hold dots and slashes: quote them so the path stays unambiguous.
    else parts.push(`[${JSON.stringify(segment)}]`);
  }
  return parts.join('');
}

export function parseFieldPath(text: string): FieldPath {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
    if (pattern.lastIndex === text.length) return segments;
  }
  if (text === '') return segments;
  throw new Error(`invalid field path: ${text}`);
}

/** Reads a value at a path; undefined when any step is missing or of the wrong shape. */
export function getAtPath(root: unknown, path: FieldPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current)) return undefined;
      current = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
    }
  }
  return current;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
