import { RuleTester } from '../../../testing/rule-tester.js';
import { istioMtlsNotStrict } from './istio-mtls-not-strict.js';

const peerAuthentication = (mtls: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
${mtls}`;

new RuleTester(istioMtlsNotStrict).run({
  valid: [
    { name: 'mesh-wide STRICT', yaml: peerAuthentication('  mtls:\n    mode: STRICT\n') },
    { name: 'UNSET inherits from the parent policy', yaml: peerAuthentication('  selector: {matchLabels: {app: web}}\n  mtls:\n    mode: UNSET\n') },
    { name: 'a kind of the same name in another group', yaml: 'apiVersion: example.com/v1\nkind: PeerAuthentication\nmetadata: {name: x}\nspec:\n  mtls: {mode: DISABLE}\n' },
  ],
  invalid: [
    {
      name: 'PERMISSIVE, and DISABLE on one port; the suggestion makes both STRICT',
      yaml: peerAuthentication('  mtls:\n    mode: PERMISSIVE\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n'),
      includeSuggestions: true,
      errors: [
        { messageId: 'mode', line: 8, path: 'spec.mtls.mode', data: { mode: 'PERMISSIVE' } },
        { messageId: 'portMode', line: 11, path: 'spec.portLevelMtls["8080"].mode', data: { port: '8080', mode: 'DISABLE' } },
      ],
      output: peerAuthentication('  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: STRICT\n'),
    },
  ],
});
