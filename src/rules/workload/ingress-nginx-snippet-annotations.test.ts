import { RuleTester } from '../../../testing/rule-tester.js';
import { ingressNginxSnippetAnnotations } from './ingress-nginx-snippet-annotations.js';

const ingress = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
${annotations}spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
`;

const controllerConfig = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
${data}`;

new RuleTester(ingressNginxSnippetAnnotations).run({
  valid: [
    {
      name: 'the dedicated annotations with plain values',
      yaml: ingress(`    nginx.ingress.kubernetes.io/ssl-redirect: "true"
    nginx.ingress.kubernetes.io/permanent-redirect: https://shop.example.com/new
    nginx.ingress.kubernetes.io/auth-url: http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth
    nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=client.example.com"
`),
    },
    {
      name: 'the controller ConfigMap of the upstream manifests (snippets off, its own http-snippet)',
      yaml: controllerConfig(`  allow-snippet-annotations: "false"
  http-snippet: |
    server {
      listen 2443;
      return 308 https://$host$request_uri;
    }
`),
    },
  ],
  invalid: [
    {
      name: 'a configuration-snippet that serves the controller token (the CVE-2021-25742 proof of concept)',
      yaml: ingress(`    nginx.ingress.kubernetes.io/configuration-snippet: |
      location /token { alias /var/run/secrets/kubernetes.io/serviceaccount/token; }
    nginx.ingress.kubernetes.io/server-snippet: "return 200;"
`),
      errors: [
        { messageId: 'snippet', line: 6, path: 'metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]', data: { annotation: 'nginx.ingress.kubernetes.io/configuration-snippet' } },
        { messageId: 'snippet', line: 8, data: { annotation: 'nginx.ingress.kubernetes.io/server-snippet' } },
      ],
    },
    {
      name: 'nginx syntax smuggled through permanent-redirect and auth-tls-match-cn',
      yaml: ingress(`    nginx.ingress.kubernetes.io/permanent-redirect: "https://x.example.com;}location ~* ^/t { alias /var/run/secrets;}"
    nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=a\\"#;load_module /tmp/x.so;"
`),
      errors: [
        { messageId: 'injection', line: 6, data: { annotation: 'nginx.ingress.kubernetes.io/permanent-redirect', character: '";"' } },
        { messageId: 'injection', line: 7, data: { annotation: 'nginx.ingress.kubernetes.io/auth-tls-match-cn', character: '"\\""' } },
      ],
    },
    {
      name: 'a controller ConfigMap that turns snippets back on at Critical risk',
      yaml: controllerConfig(`  allow-snippet-annotations: "true"
  annotations-risk-level: Critical
`),
      errors: [
        { messageId: 'controllerAllowsSnippets', line: 7, path: 'data.allow-snippet-annotations' },
        { messageId: 'riskLevelCritical', line: 8, path: 'data.annotations-risk-level' },
      ],
    },
  ],
});
