import type { Rule } from '../../engine/rule.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { runAsHighGid } from './run-as-high-gid.js';
import { runAsHighUid } from './run-as-high-uid.js';

// Rules of this domain, in the order they are listed.
export const workloadRules: readonly Rule[] = [
  readOnlyRootFilesystem,
  runAsHighUid,
  runAsHighGid,
];
