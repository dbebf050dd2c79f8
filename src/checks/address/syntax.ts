import { finding, spec, type FoundItem } from '../common.js';
import { NOTHING, type AddressCheck } from './common.js';

const CHECK = 'address-syntax';

/**
 * RFC 5321/5322 addr-spec with RFC 6531 (src/parse/address.ts): an error names what is wrong (`code`,
 * where, the character or label) and a mechanical correction when there is one. An address literal
 * (`user@[192.0.2.1]`) is valid but risky: receivers on the internet rarely accept mail so addressed.
 */
export const syntaxCheck: AddressCheck = {
  id: CHECK,
  docs: '#reasons',
  requires: ['input', 'problem', 'parse'],
  findings: [spec('address.syntax', ['error', 'warning'])],
  run({ input, problem, parse }) {
    if (problem) return { status: 'complete', findings: [finding(CHECK, 'address.syntax', 'error', { input, code: problem.code, ...problem.data }, {})], found: [], data: {} };
    if (!parse) return { status: 'skipped', findings: [], found: [], data: {} };
    if (!parse.ok) {
      const { code, data } = parse.error;
      const fix = data.suggestion !== undefined ? { data: { suggestion: data.suggestion } } : {};
      return { status: 'complete', findings: [finding(CHECK, 'address.syntax', 'error', { input, code, ...data }, fix)], found: [], data: {} };
    }
    const { address } = parse;
    const found: FoundItem[] = [];
    if (address.ascii !== address.unicode) found.push({ id: 'address.forms', data: { ascii: address.ascii, unicode: address.unicode } });
    if (address.ipLiteral) {
      return { status: 'complete', findings: [finding(CHECK, 'address.syntax', 'warning', { input, code: 'address.ip-literal', address: address.ascii, ip: address.ipLiteral.address }, {})], found, data: {} };
    }
    return found.length === 0 ? NOTHING : { status: 'complete', findings: [], found, data: {} };
  },
};
