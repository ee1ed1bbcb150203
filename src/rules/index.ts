import type { Rule } from '../engine/rule.js';
import { pssRules } from './pss/index.js';
import { workloadRules } from './workload/index.js';
import { rbacRules } from './rbac/index.js';
import { networkRules } from './network/index.js';
import { schemaRules } from './schema/index.js';
import { clusterRules } from './cluster/index.js';
import { meshRules } from './mesh/index.js';

/** Every rule kubeward ships, by domain. */
export const allRules: readonly Rule[] = [...pssRules, ...workloadRules, ...rbacRules, ...networkRules, ...schemaRules, ...meshRules, ...clusterRules];
