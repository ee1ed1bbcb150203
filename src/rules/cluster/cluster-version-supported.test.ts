import { RuleTester } from '../../../testing/rule-tester.js';
import { clusterVersionSupported } from './cluster-version-supported.js';

const version = (gitVersion: string, minor: string) =>
  `apiVersion: kubeward.io/v1\nkind: ClusterVersion\nmetadata:\n  name: cluster\ngitVersion: ${gitVersion}\nmajor: "1"\nminor: "${minor}"\n`;

new RuleTester(clusterVersionSupported).run({
  valid: [
    { name: 'the newest minor', yaml: version('v1.37.2', '37') },
    { name: 'the oldest maintained minor', yaml: version('v1.35.0', '35') },
    { name: 'a managed-cluster minor with a suffix', yaml: version('v1.36.4-eks-1234', '36+') },
    { name: 'an older minor allowed by option', yaml: version('v1.33.1', '33'), options: { minimumMinor: 33 } },
    { name: 'an object of another group with the same kind', yaml: 'apiVersion: example.com/v1\nkind: ClusterVersion\nmetadata:\n  name: x\nminor: "1"\n' },
  ],
  invalid: [
    { name: 'an end-of-life minor', yaml: version('v1.30.14', '30'), errors: [{ messageId: 'unsupported', path: 'gitVersion', line: 5 }] },
    { name: 'a version that is not v1.N', yaml: 'apiVersion: kubeward.io/v1\nkind: ClusterVersion\nmetadata:\n  name: cluster\ngitVersion: weird\nmajor: "2"\nminor: x\n', errors: [{ messageId: 'unknown' }] },
  ],
});
