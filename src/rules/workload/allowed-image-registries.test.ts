import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { allowedImageRegistries } from './allowed-image-registries.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: registry.example.com/team/app:1.4.2
    - name: proxy
      image: ghcr.io/other-org/proxy:2
`;

it('is off by default and allows everything with its default options', () => {
  assert.equal(allowedImageRegistries.meta.enabledByDefault, false);
  assert.deepEqual(allowedImageRegistries.defaultOptions, { allowedRegistries: [] });
});

new RuleTester(allowedImageRegistries).run({
  valid: [
    { name: 'an empty allow-list allows every registry', yaml: POD },
    { name: 'every image is under an allowed host or prefix', yaml: POD, options: { allowedRegistries: ['registry.example.com', 'ghcr.io/other-org', 'docker.io/library'] } },
  ],
  invalid: [
    {
      name: 'Docker Hub (implicit) and another organisation are not allowed',
      yaml: POD,
      options: { allowedRegistries: ['registry.example.com', 'ghcr.io/my-org'] },
      errors: [
        { messageId: 'notAllowed', line: 7, path: 'spec.initContainers[0].image', container: 'init' },
        { messageId: 'notAllowed', line: 12, path: 'spec.containers[1].image', container: 'proxy' },
      ],
    },
    {
      name: 'wildcards match sub-domains only',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "evil.io/dkr.ecr.eu-west-1.amazonaws.com/app:1"}, {name: ok, image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"}]\n',
      options: { allowedRegistries: ['*.dkr.ecr.eu-west-1.amazonaws.com'] },
      errors: [{ messageId: 'notAllowed', path: 'spec.containers[0].image', container: 'app' }],
    },
  ],
});
