import { defineObjectRule } from '../../engine/rule.js';
import { annotationsOf } from '../../k8s/object.js';
import { DOCS, recordOf } from './support/workload-fields.js';

// ingress-nginx copies some Ingress annotations into the nginx configuration it renders for every host.
// The *-snippet annotations are raw nginx configuration: whoever may create an Ingress in any namespace
// can read the controller's ServiceAccount token and every Secret it can read (CVE-2021-25742), which
// is why the controller refuses them by default since v1.9 (`allow-snippet-annotations: "false"`).
// Values of other annotations that reach the configuration verbatim were injection points too
// (CVE-2023-5044 permanent-redirect, CVE-2025-1097 auth-tls-match-cn, CVE-2025-1098 mirror-target and
// mirror-host, CVE-2025-24514 auth-url): nginx syntax characters in them are reported.
const PREFIX = 'nginx.ingress.kubernetes.io/';
const SNIPPETS = ['server-snippet', 'configuration-snippet', 'stream-snippet', 'auth-snippet', 'modsecurity-snippet'];
const INJECTABLE = ['permanent-redirect', 'temporal-redirect', 'auth-url', 'auth-signin', 'auth-tls-match-cn', 'mirror-target', 'mirror-host', 'rewrite-target'];
/** Characters that end an nginx directive or open a block: never needed in a URL, host or CN. */
const NGINX_SYNTAX = /[;{}\n\r'"`\\]/;

export const ingressNginxSnippetAnnotations = defineObjectRule({
  meta: {
    id: 'ingress-nginx-snippet-annotations',
    title: 'Ingresses inject no nginx configuration through ingress-nginx annotations',
    severity: 'high',
    category: 'network',
    description:
      'ingress-nginx renders some Ingress annotations into its nginx configuration. Snippet annotations are raw configuration ' +
      'and other annotations were found to pass nginx syntax through: with them, anyone allowed to create an Ingress can make ' +
      'the controller serve its own ServiceAccount token or any Secret it reads (CVE-2021-25742, CVE-2023-5044, CVE-2025-1097, ' +
      'CVE-2025-1098, CVE-2025-24514). The controller ConfigMap setting allow-snippet-annotations: "true" turns the snippets ' +
      'back on for every namespace.',
    remediation:
      'Express the behaviour with the dedicated annotations or a controller-wide setting; keep allow-snippet-annotations "false" and annotations-risk-level below Critical in the controller ConfigMap.',
    references: [
      'https://github.com/kubernetes/ingress-nginx/issues/7837',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations',
      'https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/',
      DOCS.nsaHardeningGuide,
    ],
    frameworks: { nsa: ['Network separation and hardening'], mitre: ['T1552.007', 'T1190'] },
    fixable: false,
    messages: {
      snippet: 'annotation {{annotation}} puts raw nginx configuration into the controller: remove it (CVE-2021-25742)',
      injection: 'annotation {{annotation}} holds nginx syntax ({{character}}) that the controller would copy into its configuration: remove it',
      controllerAllowsSnippets: 'allow-snippet-annotations is "true": every namespace that may create Ingresses can inject nginx configuration; set it to "false"',
      riskLevelCritical: 'annotations-risk-level is Critical: annotations that inject nginx configuration are accepted; set it to High or lower',
    },
  },
  kinds: ['Ingress', 'ConfigMap'],
  check(context) {
    const object = context.object;
    if (object.kind === 'ConfigMap') {
      const data = recordOf(object['data']);
      if (data === undefined) return;
      if (String(data['allow-snippet-annotations']).trim().toLowerCase() === 'true') {
        context.report({ messageId: 'controllerAllowsSnippets', path: ['data', 'allow-snippet-annotations'] });
      }
      if (String(data['annotations-risk-level']).trim() === 'Critical') context.report({ messageId: 'riskLevelCritical', path: ['data', 'annotations-risk-level'] });
      return;
    }
    const annotations = annotationsOf(object.metadata);
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(PREFIX)) continue;
      const name = key.slice(PREFIX.length);
      if (SNIPPETS.includes(name)) {
        context.report({ messageId: 'snippet', data: { annotation: key }, path: ['metadata', 'annotations', key] });
      } else if (INJECTABLE.includes(name)) {
        const character = NGINX_SYNTAX.exec(value)?.[0];
        if (character !== undefined) context.report({ messageId: 'injection', data: { annotation: key, character: JSON.stringify(character) }, path: ['metadata', 'annotations', key] });
      }
    }
  },
});
