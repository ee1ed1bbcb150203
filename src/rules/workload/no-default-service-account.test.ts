import { RuleTester } from '../../../testing/rule-tester.js';
import { noDefaultServiceAccount } from './no-default-service-account.js';

new RuleTester(noDefaultServiceAccount).run({
  valid: [
    { name: 'a dedicated ServiceAccount', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: web\n  containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'the deprecated serviceAccount field naming a dedicated account', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccount: web\n  containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'the default ServiceAccount with automount off', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false\n' },
    { name: 'other ServiceAccounts are not checked', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n' },
  ],
  invalid: [
    {
      name: 'no serviceAccountName in a Deployment',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n',
      errors: [{ messageId: 'podUsesDefault', line: 6, path: 'spec.template.spec.serviceAccountName' }],
      output: null,
    },
    {
      name: 'serviceAccountName: default, named on its line',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: default\n  containers: [{name: app, image: nginx:1.27}]\n',
      errors: [{ messageId: 'podUsesDefault', line: 5, path: 'spec.serviceAccountName' }],
    },
    {
      name: 'the default ServiceAccount mounts its token; the suggestion turns it off',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\n',
      includeSuggestions: true,
      errors: [{ messageId: 'defaultMountsToken', path: 'automountServiceAccountToken' }],
      output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n',
    },
  ],
});
