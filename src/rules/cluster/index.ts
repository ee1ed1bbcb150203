import type { Rule } from '../../engine/rule.js';
import { clusterVersionSupported } from './cluster-version-supported.js';

// Rules over facts only a live cluster shows (read by `scan --cluster` and saved by `snapshot`).
export const clusterRules: readonly Rule[] = [clusterVersionSupported];
