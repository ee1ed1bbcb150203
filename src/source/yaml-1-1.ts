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

// Timestamps stay strings (Kubernetes fields are strings; go-yaml into interface{} keeps them as text).
// Merge keys (`<<: *defaults`) are resolved by go-yaml v2 too. The type exists at run time but not in @types/js-yaml.
const mergeType = (jsYaml as unknown as { types: { merge: InstanceType<typeof jsYaml.Type> } }).types.merge;

export const KUBERNETES_YAML_SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool, mergeType] });
