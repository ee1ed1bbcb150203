/** A Pod with one privileged container and nothing else set: what most fix tests start from. */
export const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.25
    securityContext:
      privileged: true
`;
