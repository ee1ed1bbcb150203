import jsYaml from 'js-yaml';

// kubectl and the API server decode YAML with sigs.k8s.io/yaml, which uses go-yaml v2 and so YAML 1.1
// booleans: `privileged: yes` or `on` is true there. A YAML 1.2 parser would read the string "yes" and
// miss the setting, so the fast parser gets go-yaml v2's boolean table (resolve.go).
const TRUE_WORDS = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE_WORDS = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const BOOLEAN_WORDS = new Map<string, boolean>([
  ...TRUE_WORDS.map((word) => [word, true] as const),
  ...FALSE_WORDS.map((word) => [word, false] as const),
]);

const yaml11Bool = new jsYaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLEAN_WORDS.has(data),
  construct: (data: string) => BOOLEAN_WORDS.get(data) === true,
  predicate: (object: unknown) => typeof object === 'boolean',
  represent: { lowercase: (object: object) => (object ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

// Numbers as go-yaml v2 resolves a plain scalar (resolve.go): underscores are dropped, then Go's
// strconv.ParseInt(s, 0, 64) is tried (a sign; `0x` hex, `0b` binary, `0o` or a leading `0` octal, else
// decimal), then ParseUint, then the float pattern. So `runAsUser: 010000` is 4096 for kubectl and the
// API server, and `1_000` is 1000; `08` is not octal and reads as the float 8. Sexagesimal (`1:30`) is
// YAML 1.1 but go-yaml v2 does not implement it: it stays a string, as it does there.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const STARTS_NUMERIC = /^[-+0-9]/;
const INT64_LIMIT = 2n ** 63n;
const UINT64_LIMIT = 2n ** 64n;

/** The integer go-yaml v2 reads from a plain scalar (as a bigint: int64 or uint64 range), if it reads one. */
export function goYamlInteger(text: string): bigint | undefined {
  // go-yaml looks for a number only in scalars that start with a digit or a sign (its resolve table).
  if (!STARTS_NUMERIC.test(text)) return undefined;
  const plain = text.replaceAll('_', '');
  if (!GO_INT.test(plain)) return undefined;
  const negative = plain.startsWith('-');
  const digits = plain.replace(/^[-+]/, '');
  const prefix = digits.slice(0, 2).toLowerCase();
  const magnitude = prefix === '0x' || prefix === '0b' || prefix === '0o' ? BigInt(`0${prefix[1] ?? ''}${digits.slice(2)}`)
    : digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const value = negative ? -magnitude : magnitude;
  // ParseInt covers int64; ParseUint covers a positive value up to uint64 (no sign allowed there).
  if (value >= -INT64_LIMIT && value < INT64_LIMIT) return value;
  if (!negative && !plain.startsWith('+') && value < UINT64_LIMIT) return value;
  return undefined;
}

const yaml11Int = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && goYamlInteger(data) !== undefined,
  construct: (data: string) => Number(goYamlInteger(data)),
  predicate: (object: unknown) => typeof object === 'number' && Number.isInteger(object),
  represent: { decimal: (object: object) => String(object) },
  defaultStyle: 'decimal',
});

const yaml11Float = new jsYaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && (GO_SPECIAL_FLOATS.has(data) || (/^[-+0-9.]/.test(data) && GO_FLOAT.test(data.startsWith('.') ? data : data.replaceAll('_', '')))),
  construct: (data: string) => GO_SPECIAL_FLOATS.get(data) ?? Number(data.replaceAll('_', '')),
  predicate: (object: unknown) => typeof object === 'number' && !Number.isInteger(object),
  represent: { decimal: (object: object) => String(object) },
  defaultStyle: 'decimal',
});

const GO_SPECIAL_FLOATS = new Map<string, number>([
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, -Infinity] as const),
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, NaN] as const),
]);

/**
 * Plain scalars that YAML 1.2 (what most editors, linters and `yq` read) and go-yaml v2 (what kubectl
 * and the API server read) resolve differently: `010000` (10000 vs 4096), `1_000` (a string vs 1000).
 * Returns the two readings, or undefined when they agree.
 */
export function yaml12Disagreement(text: string): { yaml11: string; yaml12: string } | undefined {
  const asGo = goYamlInteger(text);
  if (asGo === undefined) return undefined;
  const core = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as unknown;
  if (core === Number(asGo)) return undefined;
  return { yaml11: String(asGo), yaml12: typeof core === 'number' ? String(core) : JSON.stringify(core) };
}

// Timestamps stay strings (Kubernetes fields are strings; go-yaml into interface{} keeps them as text).
// Merge keys (`<<: *defaults`) are resolved by go-yaml v2 too. The type exists at run time but not in @types/js-yaml.
const mergeType = (jsYaml as unknown as { types: { merge: InstanceType<typeof jsYaml.Type> } }).types.merge;

export const KUBERNETES_YAML_SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool, yaml11Int, yaml11Float, mergeType] });
