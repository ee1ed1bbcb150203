import { RuleTester } from '../../../testing/rule-tester.js';
import { serviceExternalExposure } from './service-external-exposure.js';

new RuleTester(serviceExternalExposure).run({
  valid: [
    { name: 'ClusterIP (explicit)', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: ClusterIP\n  ports: [{port: 80}]\n' },
    { name: 'type unset defaults to ClusterIP', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n' },
    { name: 'ExternalName', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n' },
  ],
  invalid: [
    {
      name: 'NodePort',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n',
      errors: [{ messageId: 'nodePort', line: 5, path: 'spec.type' }],
      output: null,
    },
    {
      name: 'LoadBalancer with externalIPs',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  externalIPs:\n    - 203.0.113.10\n  ports: [{port: 443}]\n',
      errors: [
        { messageId: 'loadBalancer', line: 5, path: 'spec.type' },
        { messageId: 'externalIp', line: 7, path: 'spec.externalIPs[0]' },
      ],
    },
  ],
});
