// DKIM verification of a received message: the public surface of src/mail/dkim.
//
// Written here rather than taken from mailauth (postalsys): mailauth's current line needs
// Node >= 22.19, its relaxed header canonicalisation treats byte 0xA0 as whitespace (raw UTF-8
// headers such as 你 = E4 BD A0 then fail), it passes rsa-sha1, drops unparsable signatures
// without a result, and reports reasons as English comments. Measurements: the commit that
// added this comment, and test/mail-dkim-interop.test.ts for the independent signers we check.
export { verifyDkim, resultOf, DEFAULT_MAX_SIGNATURES, DEFAULT_DEADLINE_MS, DEFAULT_CLOCK_SKEW_SECONDS, MIN_RSA_BITS } from './verify.js';
export type { DkimCode, DkimNote, DkimResult, DkimSignatureResult, DkimVerification, DkimVerifyOptions } from './verify.js';
export { MAX_HEADER_BYTES, MAX_HEADER_FIELDS } from './message.js';
export { MAX_SIGNATURE_BYTES } from './signature.js';
export { MAX_RSA_BITS } from './key.js';
