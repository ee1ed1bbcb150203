import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, scenario } from '../../../test/netpol/support.js';

// NetworkPolicy semantics, one subtle case at a time. Each case states the upstream behaviour it checks.

const web = deployment('shop', 'web', { app: 'web' }, ['http:8080']);
const db = deployment('shop', 'db', { app: 'db' }, ['pg:5432']);
const other = deployment('other', 'client', { app: 'client' });

function policy(namespace: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec.replace(/^/gm, '  ')}
---
`;
}

describe('isolation', () => {
  it('allows everything in both directions when no policy exists', () => {
    const s = scenario(web + db + other);
    assert.equal(s.ports('shop/web', 'shop/db'), 'all');
    assert.equal(s.ports('other/client', 'shop/web'), 'all');
    assert.equal(s.ports('shop/web', '8.8.8.8'), 'all');
    assert.equal(s.ports('8.8.8.8', 'shop/web'), 'all');
    assert.equal(s.ports('shop/web', '2001:db8::1'), 'all');
  });

  it('isolates only the pods a policy selects, only in its namespace', () => {
    const s = scenario(web + db + other + policy('shop', 'deny-db', 'podSelector: {matchLabels: {app: db}}\npolicyTypes: [Ingress]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
    assert.equal(s.ports('other/client', 'shop/db'), 'none');
    assert.equal(s.ports('shop/db', 'shop/web'), 'all', 'web is not selected, so it is not isolated');
    assert.equal(s.ports('shop/db', 'other/client'), 'all', 'Ingress-only policy leaves egress open');
  });

  it('does not select pods of another namespace even with an empty podSelector', () => {
    const s = scenario(web + other + policy('shop', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress]'));
    assert.equal(s.ports('shop/web', 'other/client'), 'all');
    assert.equal(s.ports('other/client', 'shop/web'), 'none');
  });

  it('treats an absent spec.podSelector as {} (every pod of the namespace)', () => {
    const s = scenario(web + db + policy('shop', 'no-selector', 'policyTypes: [Ingress]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
    assert.equal(s.ports('shop/db', 'shop/web'), 'none');
  });
});

describe('policyTypes defaulting', () => {
  it('defaults to Ingress only when there are no egress rules', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\ningress:\n- {}'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'all', 'no Egress type, egress stays open');
  });

  it('adds Egress when egress rules are present, and Ingress stays (isolating ingress with no rules)', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\negress:\n- to: [{podSelector: {matchLabels: {app: db}}}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'all');
    assert.equal(s.ports('shop/web', '8.8.8.8'), 'none', 'egress isolated');
    assert.equal(s.ports('shop/db', 'shop/web'), 'none', 'defaulted Ingress type with no ingress rules denies all ingress');
  });

  it('does not add Egress for `egress: []`', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\ningress:\n- {}\negress: []'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'all');
  });

  it('honours explicit policyTypes: Egress only ignores ingress rules for isolation', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\ningress: []'));
    assert.equal(s.ports('shop/db', 'shop/web'), 'all', 'not ingress-isolated');
    assert.equal(s.ports('shop/web', 'shop/db'), 'none', 'egress-isolated with no egress rules');
  });
});

describe('rules', () => {
  it('`ingress: [{}]` allows everything, `ingress: []` nothing', () => {
    const open = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- {}'));
    assert.equal(open.ports('shop/web', 'shop/db'), 'all');
    assert.equal(open.ports('1.2.3.4', 'shop/db'), 'all');
    const closed = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress: []'));
    assert.equal(closed.ports('shop/web', 'shop/db'), 'none');
  });

  it('a rule without `from` admits every source, including outside the cluster, on its ports', () => {
    const s = scenario(web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: 5432}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'TCP/5432');
    assert.equal(s.ports('other/client', 'shop/db'), 'TCP/5432');
    assert.equal(s.ports('203.0.113.9', 'shop/db'), 'TCP/5432');
  });

  it('an empty `from: []` also admits every source', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: []\n  ports: [{port: 5432}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'TCP/5432');
  });

  it('a rule without `ports` admits every port and protocol of its peers', () => {
    const s = scenario(web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'all');
    assert.equal(s.ports('other/client', 'shop/db'), 'none');
  });

  it('unions the rules of every policy that selects the pod', () => {
    const s = scenario(web + db + other
      + policy('shop', 'a', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 5432}]')
      + policy('shop', 'b', 'podSelector: {}\ningress:\n- from: [{podSelector: {}}]\n  ports: [{port: 9100}]')
      + policy('shop', 'c', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 5433, endPort: 5440}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'TCP/5432-5440, TCP/9100', 'adjacent ranges of different policies merge');
    assert.equal(s.ports('shop/db', 'shop/db'), 'TCP/9100');
    assert.equal(s.ports('other/client', 'shop/db'), 'none');
  });
});

describe('peers', () => {
  const team = `apiVersion: v1
kind: Namespace
metadata:
  name: other
  labels: {team: blue}
---
`;
  it('podSelector alone means pods of the policy namespace only', () => {
    const look = deployment('other', 'web', { app: 'web' });
    const s = scenario(web + db + look + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'all');
    assert.equal(s.ports('other/web', 'shop/db'), 'none');
  });

  it('namespaceSelector alone admits every pod of the matching namespaces', () => {
    const s = scenario(team + web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: blue}}}]'));
    assert.equal(s.ports('other/client', 'shop/db'), 'all');
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
  });

  it('podSelector and namespaceSelector in one peer are ANDed; in two peers ORed', () => {
    const both = 'podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: blue}}\n    podSelector: {matchLabels: {app: web}}';
    const either = 'podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: blue}}\n  - podSelector: {matchLabels: {app: web}}';
    const blueWeb = deployment('other', 'web', { app: 'web' });
    const anded = scenario(team + web + db + other + blueWeb + policy('shop', 'p', both));
    assert.equal(anded.ports('other/web', 'shop/db'), 'all');
    assert.equal(anded.ports('other/client', 'shop/db'), 'none');
    assert.equal(anded.ports('shop/web', 'shop/db'), 'none');
    const ored = scenario(team + web + db + other + blueWeb + policy('shop', 'p', either));
    assert.equal(ored.ports('other/client', 'shop/db'), 'all');
    assert.equal(ored.ports('shop/web', 'shop/db'), 'all');
  });

  it('empty podSelector peer means every pod of the namespace; empty namespaceSelector every namespace', () => {
    const same = scenario(web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {}}]'));
    assert.equal(same.ports('shop/web', 'shop/db'), 'all');
    assert.equal(same.ports('other/client', 'shop/db'), 'none');
    assert.equal(same.ports('9.9.9.9', 'shop/db'), 'none', 'pod selectors never admit outside addresses');
    const every = scenario(web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {}}]'));
    assert.equal(every.ports('other/client', 'shop/db'), 'all');
    assert.equal(every.ports('9.9.9.9', 'shop/db'), 'none');
  });

  it('a namespace that is referenced but not defined carries only kubernetes.io/metadata.name', () => {
    const byLabel = scenario(web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {team: blue}}}]'));
    assert.equal(byLabel.ports('other/client', 'shop/db'), 'none');
    const byName = scenario(web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}}]'));
    assert.equal(byName.ports('other/client', 'shop/db'), 'all');
    const defined = scenario(team + web + db + other + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}}]'));
    assert.equal(defined.ports('other/client', 'shop/db'), 'all', 'defined namespaces get the automatic label too');
  });

  it('ipBlock admits addresses in cidr minus except, and never pods', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]'));
    assert.equal(s.ports('10.2.3.4', 'shop/db'), 'all');
    assert.equal(s.ports('10.1.2.3', 'shop/db'), 'none');
    assert.equal(s.ports('192.168.0.1', 'shop/db'), 'none');
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
    const cidrs = s.matrix.regions.map((region) => region.cidrs.join('+'));
    assert.deepEqual(cidrs, ['0.0.0.0/5+8.0.0.0/7', '10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/15+10.4.0.0/14+10.8.0.0/13+10.16.0.0/12+10.32.0.0/11+10.64.0.0/10+10.128.0.0/9', '11.0.0.0/8+12.0.0.0/6+16.0.0.0/4+32.0.0.0/3+64.0.0.0/2+128.0.0.0/1', '::/0']);
  });

  it('merges adjacent pieces that every ipBlock treats alike', () => {
    const s = scenario(db + policy('shop', 'p', 'podSelector: {}\ningress:\n- from: [{ipBlock: {cidr: 10.0.0.0/9}}, {ipBlock: {cidr: 10.128.0.0/9}}]\negress:\n- to: [{ipBlock: {cidr: "2001:db8::/32"}}]'));
    // Two blocks the same rule admits stay apart: each is a different ipBlock peer. The counts are the
    // fewest CIDRs covering the gaps (popcount of the boundary arithmetic).
    assert.deepEqual(s.matrix.regions.map((region) => (region.cidrs.length === 1 ? region.cidrs[0] : region.cidrs.length)),
      [2, '10.0.0.0/9', '10.128.0.0/9', 6, 9, '2001:db8::/32', 23]);
    assert.equal(s.ports('10.200.0.1', 'shop/db'), 'all');
    assert.equal(s.ports('shop/db', '2001:db8::5'), 'all');
    assert.equal(s.ports('shop/db', '2001:db9::5'), 'none');
  });
});

describe('label selectors', () => {
  const pods = deployment('shop', 'a', { tier: 'front', env: 'prod' }) + deployment('shop', 'b', { tier: 'back' }) + deployment('shop', 'c', {}) + db;
  function admitted(selector: string): string[] {
    const s = scenario(pods + policy('shop', 'p', `podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: ${selector}}]`));
    return ['a', 'b', 'c'].filter((name) => s.ports(`shop/${name}`, 'shop/db') === 'all');
  }
  it('In', () => assert.deepEqual(admitted('{matchExpressions: [{key: tier, operator: In, values: [front, middle]}]}'), ['a']));
  it('NotIn also matches pods without the key', () => assert.deepEqual(admitted('{matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}'), ['b', 'c']));
  it('Exists', () => assert.deepEqual(admitted('{matchExpressions: [{key: tier, operator: Exists}]}'), ['a', 'b']));
  it('DoesNotExist', () => assert.deepEqual(admitted('{matchExpressions: [{key: env, operator: DoesNotExist}]}'), ['b', 'c']));
  it('matchLabels and matchExpressions are ANDed', () => assert.deepEqual(admitted('{matchLabels: {env: prod}, matchExpressions: [{key: tier, operator: In, values: [back]}]}'), []));
  it('an invalid operator selects nothing rather than everything', () => assert.deepEqual(admitted('{matchExpressions: [{key: tier, operator: Equals, values: [front]}]}'), []));
  it('In without values selects nothing', () => assert.deepEqual(admitted('{matchExpressions: [{key: tier, operator: In}]}'), []));
});

describe('ports', () => {
  const api = deployment('shop', 'api', { role: 'api' }, ['http:8080', 'metrics:9090', 'dns:53/UDP']);
  const alt = deployment('shop', 'alt', { role: 'api' }, ['http:9000']);
  it('resolves a named port on each destination separately', () => {
    const s = scenario(web + api + alt + policy('shop', 'p', 'podSelector: {matchLabels: {role: api}}\ningress:\n- ports: [{port: http}]'));
    assert.equal(s.ports('shop/web', 'shop/api'), 'TCP/8080');
    assert.equal(s.ports('shop/web', 'shop/alt'), 'TCP/9000');
  });

  it('matches a named port only with the same protocol', () => {
    const s = scenario(web + api + policy('shop', 'p', 'podSelector: {matchLabels: {role: api}}\ningress:\n- ports: [{port: dns}]\n- ports: [{port: dns, protocol: UDP}]'));
    assert.equal(s.ports('shop/web', 'shop/api'), 'UDP/53');
  });

  it('a named port that the destination lacks admits nothing', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: http}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
  });

  it('egress named ports resolve on the destination pod and never outside the cluster', () => {
    const s = scenario(web + api + policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n- ports: [{port: metrics}, {port: 443}]'));
    assert.equal(s.ports('shop/web', 'shop/api'), 'TCP/443, TCP/9090');
    assert.equal(s.ports('shop/web', '1.1.1.1'), 'TCP/443');
  });

  it('ranges with endPort, protocol defaults and protocol-only entries', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- ports:\n  - {port: 8000, endPort: 8100}\n  - {protocol: UDP, port: 53}\n  - {protocol: SCTP}'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'TCP/8000-8100, UDP/53, SCTP/1-65535');
  });

  it('an endPort below port, or with a named port, admits nothing', () => {
    const s = scenario(web + db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- ports: [{port: 9000, endPort: 8000}, {port: pg, endPort: 6000}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
  });
});

describe('both ends must allow', () => {
  const ingress = policy('shop', 'db-in', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 5432}, {port: 6000}]');
  it('egress denial of the source blocks what the destination admits', () => {
    const s = scenario(web + db + ingress + policy('shop', 'web-out', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
  });
  it('the allowed ports are the intersection of both sides', () => {
    const s = scenario(web + db + ingress + policy('shop', 'web-out', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n- ports: [{port: 5000, endPort: 5500}]'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'TCP/5432');
  });
  it('ingress denial of the destination blocks what the source sends', () => {
    const s = scenario(web + db + policy('shop', 'db-in', 'podSelector: {matchLabels: {app: db}}\ningress: []') + policy('shop', 'web-out', 'podSelector: {matchLabels: {app: web}}\negress:\n- {}'));
    assert.equal(s.ports('shop/web', 'shop/db'), 'none');
  });
});

describe('grouping', () => {
  it('decides workloads with identical labels and ports once', () => {
    let yaml = db + policy('shop', 'p', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {role: client}}}]');
    for (let i = 0; i < 20; i += 1) yaml += deployment('shop', `client-${i}`, { role: 'client' });
    for (let i = 0; i < 20; i += 1) yaml += deployment('shop', `other-${i}`, { role: 'other', index: String(i) });
    const s = scenario(yaml);
    assert.equal(s.analysis.groups.length, 22, 'clients share one label group; the others differ by label');
    assert.equal(s.matrix.classCount, 3, 'db, the clients, and the others that no policy tells apart');
    assert.equal(s.ports('shop/client-7', 'shop/db'), 'all');
    assert.equal(s.ports('shop/other-7', 'shop/db'), 'none');
    assert.equal(s.ports('shop/other-7', 'shop/other-3'), 'all');
  });
});

describe('explain', () => {
  it('names the policies and rules on each side', () => {
    const s = scenario(web + db
      + policy('shop', 'db-in', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 6000}]\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: pg}]')
      + policy('shop', 'web-out', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n- to: [{podSelector: {}}]'));
    const allowed = s.explain('shop/web', 'shop/db', 5432);
    assert.equal(allowed.allowed, true);
    assert.deepEqual(allowed.egress, { direction: 'egress', appliesTo: 'workload', isolated: true, allowed: true, policies: [{ namespace: 'shop', name: 'web-out' }], rules: [{ policy: { namespace: 'shop', name: 'web-out' }, rule: 'spec.egress[1]', peers: ['spec.egress[1].to[0]'], allowsPort: true }] });
    assert.deepEqual(allowed.ingress, { direction: 'ingress', appliesTo: 'workload', isolated: true, allowed: true, policies: [{ namespace: 'shop', name: 'db-in' }], rules: [
      { policy: { namespace: 'shop', name: 'db-in' }, rule: 'spec.ingress[0]', peers: ['spec.ingress[0].from[0]'], allowsPort: false },
      { policy: { namespace: 'shop', name: 'db-in' }, rule: 'spec.ingress[1]', peers: ['spec.ingress[1].from[0]'], allowsPort: true },
    ] });
    const denied = s.explain('shop/db', 'shop/web', 'http');
    assert.equal(denied.port, 8080);
    assert.equal(denied.allowed, true, 'neither db egress nor web ingress is isolated');
    const out = s.explain('shop/web', '8.8.8.8/32', 53, 'UDP');
    assert.equal(out.allowed, true);
    assert.deepEqual(out.egress.appliesTo === 'workload' && out.egress.isolated ? out.egress.rules.map((rule) => rule.peers) : undefined, [['spec.egress[0].to[0]']]);
    assert.deepEqual(out.ingress, { direction: 'ingress', appliesTo: 'outside-cluster', allowed: true });
    const blocked = s.explain('8.8.8.8', 'shop/db', 5432);
    assert.equal(blocked.allowed, false);
    assert.deepEqual(blocked.ingress, { direction: 'ingress', appliesTo: 'workload', isolated: true, allowed: false, policies: [{ namespace: 'shop', name: 'db-in' }], rules: [] });
  });
});

describe('workloads', () => {
  it('counts an owned object through its owner when the owner is in the input, and skips PodTemplates', () => {
    const owned = (kind: string, name: string, owner: string): string => `apiVersion: ${kind === 'Pod' ? 'v1' : 'apps/v1'}
kind: ${kind}
metadata:
  name: ${name}
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ${owner.split('/')[0] ?? ''}, name: ${owner.split('/')[1] ?? ''}, controller: true, uid: "1"}]
${kind === 'Pod' ? 'spec: {containers: [{name: c, image: example/web:1}]}' : 'spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: example/web:1}]}}}'}
---
`;
    const template = 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: tpl, namespace: shop}\ntemplate: {spec: {containers: [{name: c, image: x:1}]}}\n---\n';
    const s = scenario(web + owned('ReplicaSet', 'web-1', 'Deployment/web') + owned('Pod', 'web-1-a', 'ReplicaSet/web-1') + owned('Pod', 'orphan', 'ReplicaSet/gone') + template);
    assert.deepEqual(s.matrix.workloads.map((workload) => `${workload.kind}/${workload.name}`), ['Pod/orphan', 'Deployment/web']);
  });
});
