import type { Rule } from '../../engine/rule.js';
import { istioMtlsNotStrict } from './istio-mtls-not-strict.js';
import { istioAuthorizationAllowsAll } from './istio-authorization-allows-all.js';
import { ciliumPolicyAllowsWorld } from './cilium-policy-allows-world.js';

// Security settings carried by custom resources of service meshes and CNI plugins: Istio and Cilium.
export const meshRules: readonly Rule[] = [istioMtlsNotStrict, istioAuthorizationAllowsAll, ciliumPolicyAllowsWorld];
