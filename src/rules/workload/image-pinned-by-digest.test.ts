import { RuleTester } from '../../../testing/rule-tester.js';
import { imagePinnedByDigest } from './image-pinned-by-digest.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

new RuleTester(imagePinnedByDigest).run({
  valid: [
    { name: 'tag and digest', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "nginx:1.27@${DIGEST}"}]\n` },
    { name: 'digest only, on an init container too', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  initContainers: [{name: i, image: "busybox@${DIGEST}"}]\n  containers: [{name: app, image: "ghcr.io/org/app@${DIGEST}"}]\n` },
  ],
  invalid: [
    {
      name: 'a version tag is still mutable',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers:\n        - name: job\n          image: python:3.12-slim\n',
      errors: [{ messageId: 'notPinned', line: 9, path: 'spec.template.spec.containers[0].image', container: 'job' }],
      output: null,
    },
  ],
});
