import type { Rule } from '../../engine/rule.js';

// Rules of this domain, in the order they are listed.
export const pssRules: readonly Rule[] = [];
