export { analyzeNetworkPolicies, decideSide, ipBlockContains, type Endpoint, type NetpolAnalysis, type PodGroup, type SideDecision } from './analysis.js';
export { parseCidr, cidrsOfInterval, formatInterval, type IpInterval } from './cidr.js';
export { explainConnection, lookupEndpoint, type Explanation, type ExplainEndpoint, type SideExplanation } from './explain.js';
export { formatSelector, parseSelector, selectorMatches, type Selector } from '../../k8s/label-selector.js';
export { computeMatrix, connectionsOf, externalRegions, matrixJson, workloadPeer, type Connection, type MatrixJson, type MatrixPeer, type ReachabilityMatrix } from './matrix.js';
export { buildModel, peerPath, rulePath, type NetpolModel, type PeerInfo, type PolicyInfo, type RuleInfo, type ServiceInfo, type WorkloadInfo } from './model.js';
export { formatPortSet, portEntriesOf, type PortSet } from './port-set.js';
