export { CREDENTIAL_DETECTORS, detectKnownCredential, type CredentialDetector } from './detectors.js';
export { shannonEntropy } from './entropy.js';
export { findCredential, isCredentialName, isSecretLookingLiteral, nameWords, MIN_SECRET_ENTROPY, type CredentialMatch } from './find-credential.js';
