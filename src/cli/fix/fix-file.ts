// `kubeward fix` plans with the pure planner of src/fix/; this module keeps the names the command and
// its tests have always used.
export {
  formatResource,
  MAX_FIX_ROUNDS,
  planFileFixes as fixFile,
  type FileFixResult,
  type FixPlanOptions as FixFileOptions,
  type FixRecord,
  type UnfixedFinding,
} from '../../fix/plan-fixes.js';
