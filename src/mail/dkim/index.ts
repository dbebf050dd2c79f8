// DKIM verification of a received message: the public surface of src/mail/dkim.
export { verifyDkim, resultOf, DEFAULT_MAX_SIGNATURES, DEFAULT_DEADLINE_MS, DEFAULT_CLOCK_SKEW_SECONDS, MIN_RSA_BITS } from './verify.js';
export type { DkimCode, DkimNote, DkimResult, DkimSignatureResult, DkimVerification, DkimVerifyOptions } from './verify.js';
export { MAX_HEADER_BYTES, MAX_HEADER_FIELDS } from './message.js';
export { MAX_SIGNATURE_BYTES } from './signature.js';
export { MAX_RSA_BITS } from './key.js';
