import type { Rule } from '../../engine/rule.js';
import { unknownSecurityField } from './unknown-security-field.js';
import { unknownField } from './unknown-field.js';
import { invalidFieldType } from './invalid-field-type.js';
import { apiVersionRemoved } from './api-version-removed.js';
import { apiVersionDeprecated } from './api-version-deprecated.js';

// Rules of this domain, in the order they are listed.
export const schemaRules: readonly Rule[] = [unknownSecurityField, unknownField, invalidFieldType, apiVersionRemoved, apiVersionDeprecated];
