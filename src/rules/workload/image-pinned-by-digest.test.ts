import { RuleTester } from '../../../testing/rule-tester.js';
import { imagePinnedByDigest } from './image-pinned-by-digest.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

new RuleTester(imagePinnedByDigest).run({
  valid: [
    { name: 'tag and digest', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "nginx:1.27@${DIGEST}"}]\n` },
    { name: 'sha512 of 128 lowercase hex digits', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "nginx@sha512:${'ab'.repeat(64)}"}]\n` },
    { name: 'digest only, on an init container too', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  initContainers: [{name: i, image: "busybox@${DIGEST}"}]\n  containers: [{name: app, image: "ghcr.io/org/app@${DIGEST}"}]\n` },
  ],
  invalid: [
    {
      name: 'a version tag is still mutable',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers:\n        - name: job\n          image: python:3.12-slim\n',
      errors: [{ messageId: 'notPinned', line: 9, path: 'spec.template.spec.containers[0].image', container: 'job' }],
      output: null,
    },
    {
      name: 'malformed digests pin nothing: short, uppercase, unknown algorithm, wrong length for sha512',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: short, image: "nginx@sha256:0123456789abcdef0123456789abcdef"}
    - {name: upper, image: "nginx@sha256:${'0123456789ABCDEF'.repeat(4)}"}
    - {name: md5, image: "nginx@md5:${'0123456789abcdef'.repeat(2)}"}
    - {name: sha512, image: "nginx:1.27@sha512:${'0123456789abcdef'.repeat(4)}"}
`,
      errors: [
        { messageId: 'malformedDigest', container: 'short', data: { problem: 'sha256 has 64 hex digits, not 32' } },
        { messageId: 'malformedDigest', container: 'upper', data: { problem: 'sha256 must be lowercase hex' } },
        { messageId: 'malformedDigest', container: 'md5', data: { problem: 'unknown algorithm md5 (sha256, sha384 or sha512)' } },
        { messageId: 'malformedDigest', container: 'sha512', data: { problem: 'sha512 has 128 hex digits, not 64' } },
      ],
      output: null,
    },
  ],
});
