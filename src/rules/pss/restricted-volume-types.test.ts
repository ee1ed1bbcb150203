import { RuleTester } from '../../../testing/rule-tester.js';
import { podYaml } from '../../../testing/pod-fixtures.js';
import { restrictedVolumeTypes } from './restricted-volume-types.js';

new RuleTester(restrictedVolumeTypes).run({
  valid: [
    {
      name: 'every allowed volume type',
      yaml: podYaml((pod) => {
        pod.spec['volumes'] = [
          { name: 'a', configMap: { name: 'cfg' } },
          { name: 'b', csi: { driver: 'secrets-store.csi.k8s.io' } },
          { name: 'c', downwardAPI: { items: [] } },
          { name: 'd', emptyDir: {} },
          { name: 'e', ephemeral: { volumeClaimTemplate: { spec: {} } } },
          { name: 'f', image: { reference: 'registry.example/data:1' } },
          { name: 'g', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'h', projected: { sources: [] } },
          { name: 'i', secret: { secretName: 'tls' } },
        ];
      }),
    },
    { name: 'a volume with no source is defaulted to emptyDir', yaml: podYaml((pod) => { pod.spec['volumes'] = [{ name: 'scratch' }]; }) },
    { name: 'image volumes are allowed at old policy versions too', yaml: podYaml((pod) => { pod.spec['volumes'] = [{ name: 'f', image: { reference: 'x' } }]; }), pssVersion: 20 },
  ],
  invalid: [
    {
      name: 'nfs volume, no fix known',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: share
      nfs:
        server: nfs.example
        path: /exports
`,
      includeSuggestions: true,
      errors: [{ messageId: 'forbiddenType', line: 11, path: 'spec.volumes[0].nfs' }],
      output: null,
    },
    {
      name: 'hostPath is a restricted type too',
      yaml: podYaml((pod) => { pod.spec['volumes'] = [{ name: 'ok', emptyDir: {} }, { name: 'root', hostPath: { path: '/' } }]; }),
      errors: [{ messageId: 'forbiddenType', path: 'spec.volumes[1].hostPath' }],
    },
    {
      name: 'gitRepo',
      yaml: podYaml((pod) => { pod.spec['volumes'] = [{ name: 'src', gitRepo: { repository: 'https://example/repo.git' } }]; }),
      errors: [{ messageId: 'forbiddenType', path: 'spec.volumes[0].gitRepo' }],
    },
  ],
});
