import { RuleTester } from '../../../testing/rule-tester.js';
import { noLatestImageTag } from './no-latest-image-tag.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

new RuleTester(noLatestImageTag).run({
  valid: [
    { name: 'version tags everywhere', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  initContainers: [{name: init, image: busybox:1.36}]\n  containers: [{name: app, image: "localhost:5000/app:2.1.0"}]\n' },
    { name: 'latest pinned by a digest', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "nginx:latest@${DIGEST}"}]\n` },
    { name: 'digest without a tag', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "ghcr.io/org/app@${DIGEST}"}]\n` },
    { name: 'a registry port is not a tag, templated images are skipped', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "{{ .Values.image }}"}, {name: b, image: "registry:5000/app:1.0"}]\n' },
  ],
  invalid: [
    {
      name: 'no tag, a registry with a port and no tag, and latest',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: app
          image: localhost:5000/app
        - name: side
          image: nginx:latest
`,
      errors: [
        { messageId: 'noTag', line: 9, path: 'spec.template.spec.initContainers[0].image', container: 'init' },
        { messageId: 'noTag', line: 12, path: 'spec.template.spec.containers[0].image', container: 'app' },
        { messageId: 'latestTag', line: 14, path: 'spec.template.spec.containers[1].image', container: 'side' },
      ],
    },
  ],
});
