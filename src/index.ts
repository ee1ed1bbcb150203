// kubeward's public library API. The CLI is a thin layer over these.
export { scan, scanText, analyzeText, scanObjects, scanCluster, type SourcelessObject, type ScanOptions, type ScanProgress, type TextAnalysis } from './scan/scan.js';
export type { Report, Finding, InputError, Note, Location, Suppression, ReportSummary, FrameworkSummary } from './engine/finding.js';
export { REPORT_SCHEMA_VERSION } from './engine/finding.js';
export { parseConfig, ConfigError, type KubewardConfig, type ExceptionConfig, type RuleConfig } from './engine/config.js';
export {
  defineObjectRule, defineCollectionRule, SEVERITIES, CATEGORIES,
  type Rule, type ObjectRule, type CollectionRule, type RuleMeta, type RuleReport, type Severity, type FrameworkMappings, type Fixability,
} from './engine/rule.js';
export { loadConfigFile, findConfigFile } from './scan/config-file.js';
export { Evaluation, type EvaluationOptions, type EngineFinding } from './engine/evaluation.js';
export { sourcelessSubject, type Subject, type SubjectSource } from './engine/subject.js';
export { memoKey, Memo, type MemoKey } from './engine/memo.js';
export { FRAMEWORKS, frameworkById, type Framework, type FrameworkId } from './foundation/frameworks.js';
export { subjectsOfDocument } from './engine/yaml-subjects.js';
export { buildReport } from './report/build-report.js';
export { definePssRule, type PssRule, type PssCheck } from './engine/pss-rule.js';
export { parsePssVersion, parsePssLevel, LATEST_PSS_MINOR, type PssLevel, type PssVersion } from './engine/pss-version.js';
export { formatFieldPath, parseFieldPath, type FieldPath } from './foundation/field-path.js';
export type { FixOperation, FixProposal } from './fix/operations.js';
export { applyFixesToText, type TextFix, type ApplyFixesResult } from './fix/apply-fixes.js';
export { renderJsonPatch } from './fix/render-json-patch.js';
export { applyOperationsToValue } from './fix/apply-operations.js';
export { unifiedDiff } from './fix/unified-diff.js';
export { planFixes, planFileFixes, type FixPlan, type FixPlanOptions, type FileFixResult, type FixRecord } from './fix/plan-fixes.js';
export { allRules } from './rules/index.js';
export { podSpecOf, containersOf, WORKLOAD_KINDS } from './k8s/pod-spec.js';
export { loadObjects, type LoadedObject } from './source/load-objects.js';
export { formatJson } from './report/json.js';
export { formatSarif } from './report/sarif.js';
export { formatJunit } from './report/junit.js';
export { formatTable } from './report/table.js';
export { formatHtml } from './report/html.js';
export { main } from './cli/main.js';
export { compareVersions, VersionError } from './image/versions/compare-versions.js';
export { AdmissionController, type AdmissionOutcome, type AdmissionControllerOptions } from './admission/admission-controller.js';
export { parseAdmissionReview, reviewResponse, type AdmissionRequest, type AdmissionResponse } from './admission/review.js';
export { parseAdmissionConfig, DEFAULT_ADMISSION_CONFIG, type AdmissionConfig } from './admission/admission-config.js';
export { policyFromLabels, type NamespacePolicy } from './admission/pod-security-policy.js';
