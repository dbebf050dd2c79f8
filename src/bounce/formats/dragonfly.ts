// DragonFly Mail Agent (dma): "There was an error delivering your mail to <address>." then the reason,
// then "Message headers follow."
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { cleanAddress, findCommand, joinReplyLines } from '../text.js';

export const dragonfly: BounceFormat = {
  id: 'DragonFly',
  detect: (m) => /This is the DragonFly Mail Agent/.test(m.body.slice(0, 2000)),
  parse(m) {
    const at = /There was an error delivering your mail to <([^>]+)>\.?\s*\n/.exec(m.body);
    if (!at) return null;
    const rest = m.body.slice(at.index + at[0].length);
    const end = rest.search(/^Message headers follow\./m);
    const text = end < 0 ? rest : rest.slice(0, end);
    const record = emptyRecord(cleanAddress(at[1] as string));
    record.diagnostic = joinReplyLines(text.split('\n').filter((l) => l.trim() !== ''));
    record.command = findCommand(record.diagnostic);
    if (/could not deliver for the last \d+ seconds/i.test(record.diagnostic)) record.reason = 'expired';
    else if (/dns lookup failure: host .* not found/i.test(record.diagnostic)) record.reason = 'hostunknown';
    record.remoteMta = /^(\S+) \[[\d.:a-f]+\] did not like/im.exec(text)?.[1] ?? '';
    return { records: [record], original: end < 0 ? '' : rest.slice(end).replace(/^Message headers follow\.\s*\n/, '') };
  },
};
