// Column alignment in terminals: CJK characters take two columns, so padding by string length would
// misalign Chinese labels. Wide ranges follow Unicode's East Asian Width (W and F) for the scripts we print.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

export function displayWidth(text: string): number {
  return text.length + (text.match(WIDE)?.length ?? 0);
}

/** `text` padded with spaces to `width` terminal columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

// Chinese punctuation (、。「」（）：，；…) carries its own spacing: no ASCII space after a label that ends
// in it, nor before a note that starts with it. English labels ("fix:", "(forward-confirmed)") keep theirs.
const FULL_WIDTH_END = /[\u3001-\u303f\uff01-\uff0f\uff1a-\uff1f]$/;
const FULL_WIDTH_START = /^[\u3001-\u303f\uff01-\uff0f\uff1a-\uff1f]/;

/** The space after `label`: none when it ends in full-width punctuation. */
export function gapAfter(label: string): string {
  return FULL_WIDTH_END.test(label) ? '' : ' ';
}

/** The space before `note`: none when it starts with full-width punctuation. */
export function gapBefore(note: string): string {
  return FULL_WIDTH_START.test(note) ? '' : ' ';
}
