import { formatFieldPath, type FieldPath, type PathSegment } from '../../../foundation/field-path.js';
import type { K8sObject } from '../../../k8s/object.js';
import { memoKey, type ObjectRuleContext } from '../../../engine/rule.js';
import { NODE, shippedSchema, shortTypeName, type KubernetesSchema, type ObjectNode, type SchemaNode } from './kubernetes-schema.js';

// Walks a decoded object along the schema of its kind and collects the fields the API server would not
// accept as written. It follows the API server's JSON decoding (sigs.k8s.io/json, case-sensitive):
// - a key that its object type does not define is an unknown field: dropped with at most a warning
//   unless the client asked for strict field validation (server-side field validation, KEP-2885);
// - a value of the wrong JSON type (a number where a string is expected, a string for a boolean) makes
//   the request fail ("cannot unmarshal number into Go struct field ... of type string");
// - null is accepted everywhere: it decodes to the field's zero value.
// Nothing below an unknown or mistyped field is examined, since the server never reads it.
// Strategic merge patch directives (`$patch`, `$retainKeys`, `$setElementOrder/...`,
// `$deleteFromPrimitiveList/...`) are not fields: they appear in kustomize patch files that carry a
// built-in apiVersion and kind, and are consumed by the patch, so they are not reported.

export type FieldIssue =
  | {
      readonly type: 'unknown';
      readonly path: FieldPath;
      readonly field: string;
      /** The object type the field was written in. */
      readonly parent: ObjectNode;
      readonly value: unknown;
    }
  | {
      readonly type: 'mistyped';
      readonly path: FieldPath;
      /** The innermost object type holding the value, and the value's path inside it (`ports[0].containerPort` → `containerPort`). */
      readonly owner: string;
      readonly field: string;
      readonly expected: string;
      readonly actual: string;
    };

const NO_ISSUES: readonly FieldIssue[] = [];

const FIELD_ISSUES = memoKey<readonly FieldIssue[]>('schema-field-issues');

/**
 * The field issues of the object a rule judges, against the shipped schema; none for custom resources
 * and kinds the schema does not know. The schema rules all ask about the same object in turn, so the
 * object is walked once (the answer is kept on the object's cache).
 */
export function fieldIssuesOf(context: Pick<ObjectRuleContext, 'object' | 'perObject'>): readonly FieldIssue[] {
  return context.perObject.get(FIELD_ISSUES, () => validateObject(shippedSchema(), context.object));
}

export function validateObject(schema: KubernetesSchema, object: K8sObject): readonly FieldIssue[] {
  const root = schema.rootOf(object.apiVersion, object.kind);
  return root === undefined ? NO_ISSUES : issuesAgainst(root, object);
}

/** The issues of a value validated as the given node (also for hints: where would this block fit?). */
export function issuesAgainst(node: SchemaNode, value: unknown): readonly FieldIssue[] {
  const walker = new Walker();
  try {
    walker.visit(node, value);
  } catch (error) {
    // Nested deeper than the stack allows (only recursive types such as CRD schemas can be): report
    // nothing rather than a partial answer.
    if (error instanceof RangeError) return NO_ISSUES;
    throw error;
  }
  return walker.issues ?? NO_ISSUES;
}

class Walker {
  issues: FieldIssue[] | undefined;
  /** The current path, pushed and popped in place; copied only into an issue. */
  readonly #path: PathSegment[] = [];
  #owner: ObjectNode | undefined;
  #ownerDepth = 0;

  visit(node: SchemaNode, value: unknown): void {
    if (value === null || value === undefined) return;
    switch (node.tag) {
      case NODE.object: {
        if (!isPlainObject(value)) return this.#mistyped(node, value);
        const fields = node.fields;
        const outerOwner = this.#owner;
        const outerDepth = this.#ownerDepth;
        this.#owner = node;
        this.#ownerDepth = this.#path.length;
        for (const key in value) {
          const child = fields.get(key);
          const fieldValue = (value as Record<string, unknown>)[key];
          if (child === undefined) {
            if (!node.open && !isPatchDirective(key)) this.#add({ type: 'unknown', path: [...this.#path, key], field: key, parent: node, value: fieldValue });
            continue;
          }
          this.#path.push(key);
          this.visit(child, fieldValue);
          this.#path.pop();
        }
        this.#owner = outerOwner;
        this.#ownerDepth = outerDepth;
        return;
      }
      case NODE.list: {
        if (!Array.isArray(value)) return this.#mistyped(node, value);
        for (let index = 0; index < value.length; index++) {
          this.#path.push(index);
          this.visit(node.items, value[index]);
          this.#path.pop();
        }
        return;
      }
      case NODE.map: {
        if (!isPlainObject(value)) return this.#mistyped(node, value);
        for (const key in value) {
          this.#path.push(key);
          this.visit(node.values, (value as Record<string, unknown>)[key]);
          this.#path.pop();
        }
        return;
      }
      case NODE.scalar: {
        let isValid: boolean;
        switch (node.scalar) {
          case 'string': isValid = typeof value === 'string'; break;
          case 'boolean': isValid = typeof value === 'boolean'; break;
          case 'integer': isValid = isInt64(value); break;
          case 'number': isValid = typeof value === 'number'; break;
          case 'int-or-string': isValid = typeof value === 'string' || isInt64(value); break;
          case 'quantity': isValid = typeof value === 'string' || typeof value === 'number'; break;
        }
        if (!isValid) this.#mistyped(node, value);
        return;
      }
      case NODE.freeObject:
        if (!isPlainObject(value)) this.#mistyped(node, value);
        return;
      case NODE.any:
        return;
    }
  }

  #mistyped(node: SchemaNode, value: unknown): void {
    this.#add({
      type: 'mistyped',
      path: [...this.#path],
      owner: this.#owner === undefined ? '' : shortTypeName(this.#owner.name),
      field: formatFieldPath(this.#path.slice(this.#ownerDepth)),
      expected: describeNode(node),
      actual: describeValue(value),
    });
  }

  #add(issue: FieldIssue): void {
    (this.issues ??= []).push(issue);
  }
}


const PATCH_DIRECTIVE = /^\$(?:patch|retainKeys)$|^\$(?:setElementOrder|deleteFromPrimitiveList)\//;

function isPatchDirective(key: string): boolean {
  return key.charCodeAt(0) === 36 /* $ */ && PATCH_DIRECTIVE.test(key);
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the API expects, in words: `a boolean`, `a list of Container objects`, `a map of strings`. */
export function describeNode(node: SchemaNode): string {
  switch (node.tag) {
    case NODE.object: return `a ${shortTypeName(node.name)} object`;
    case NODE.list: return `a list of ${pluralOf(node.items)}`;
    case NODE.map: return `a map of ${pluralOf(node.values)}`;
    case NODE.freeObject: return 'an object';
    case NODE.any: return 'any value';
    case NODE.scalar:
      switch (node.scalar) {
        case 'string': return 'a string';
        case 'boolean': return 'a boolean (true or false)';
        case 'integer': return 'an integer';
        case 'number': return 'a number';
        case 'int-or-string': return 'an integer or a string';
        case 'quantity': return 'a quantity (a string such as "500m" or "1Gi", or a number)';
      }
  }
}

function pluralOf(node: SchemaNode): string {
  switch (node.tag) {
    case NODE.object: return `${shortTypeName(node.name)} objects`;
    case NODE.list: return 'lists';
    case NODE.map: return 'maps';
    case NODE.freeObject: return 'objects';
    case NODE.any: return 'values';
    case NODE.scalar:
      switch (node.scalar) {
        case 'string': return 'strings';
        case 'boolean': return 'booleans';
        case 'integer': return 'integers';
        case 'number': return 'numbers';
        case 'int-or-string': return 'integers or strings';
        case 'quantity': return 'quantities';
      }
  }
}

/**
 * Kubernetes integers are Go int32/int64: a number beyond int64 (`1e38`, which YAML reads as a float)
 * cannot be decoded into the field, and the API server refuses the object.
 */
function isInt64(value: unknown): boolean {
  return Number.isInteger(value) && Math.abs(value as number) < 2 ** 63;
}

/** The JSON type of a value, never the value itself (it may be a secret). */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'boolean': return 'a boolean';
    case 'number': return !Number.isInteger(value) ? 'a decimal number' : isInt64(value) ? 'an integer' : 'an integer beyond the 64-bit range';
    case 'object': return 'an object';
    default: return `a ${typeof value}`;
  }
}
