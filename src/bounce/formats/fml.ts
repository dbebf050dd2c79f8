// fml mailing-list manager notices (X-MLServer: fml …): a post refused because the sender is not a member,
// or a loop alert (duplicated Message-ID). The list address is the first address in the first paragraph;
// the reasons follow Sisimai's fml module (lhost-fml).
import type { BounceFormat } from '../format.js';
import { emptyRecord, type Reason } from '../types.js';
import { addressesIn, cleanAddress, oneLine, splitOriginal } from '../text.js';

const FML_REASONS: readonly [RegExp, Reason][] = [
  [/are not (?:a )?member|is not a member|not allowed to post|not (?:a )?member of this mailing list|you are not allowed/i, 'rejected'],
  [/duplicated message-id|loop alert|looped|mail loop/i, 'systemerror'],
  [/command error|unknown command|invalid command/i, 'rejected'],
];

export const fml: BounceFormat = {
  id: 'fml',
  detect: (m) => /\bfml\b/i.test(m.header('x-mlserver')) && FML_REASONS.some(([re]) => re.test(m.subject) || re.test(m.body.slice(0, 2000))),
  parse(m) {
    const { report } = splitOriginal(m.body);
    const cut = report.search(/^[ \t]*Original mail as follows:/im);
    const text = (cut < 0 ? report : report.slice(0, cut)).trim();
    const first = text.split(/\n\s*\n/, 1)[0] ?? '';
    const address = addressesIn(first, { max: 1 })[0];
    if (!address) return null;
    const record = emptyRecord(cleanAddress(address.address));
    record.diagnostic = oneLine(text.slice(0, 1000));
    record.reason = FML_REASONS.find(([re]) => re.test(m.subject) || re.test(text))?.[1] ?? 'onhold';
    const original = cut < 0 ? '' : report.slice(cut).replace(/^\s*Original mail as follows:\s*/i, '').replace(/^ {3}/gm, '');
    return { records: [record], original };
  },
};
