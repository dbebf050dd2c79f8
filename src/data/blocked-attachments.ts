// File types Gmail refuses to send or receive (`content.attachment-blocked`, `552 5.7.0`), also inside
// archives. Source: Google, "Some file types are blocked", support.google.com/mail/answer/6590 (the
// French page of 2026 lists the longest set: .ade … .xll; wave2-facts.md §1.1 quotes the same), and the
// archive formats the page says are opened (.zip, .tar, .tgz, .taz, .z, .gz, .rar; .bz2 in older copies).
// Gmail's SMTP error for them: "552 5.7.0 This message was blocked because its content presents a
// potential security issue" (facts.md §5.1, [G-3726730]).

export const BLOCKED_EXTENSIONS: readonly string[] = [
  'ade', 'adp', 'apk', 'appx', 'appxbundle', 'bat', 'cab', 'chm', 'cmd', 'com', 'cpl', 'diagcab', 'diagcfg', 'diagpkg', 'dll', 'dmg',
  'ex', 'ex_', 'exe', 'hta', 'img', 'ins', 'iso', 'isp', 'jar', 'jnlp', 'js', 'jse', 'lib', 'lnk', 'mde', 'mjs', 'msc', 'msi', 'msix',
  'msixbundle', 'msp', 'mst', 'nsh', 'pif', 'ps1', 'scr', 'sct', 'shb', 'sys', 'vb', 'vbe', 'vbs', 'vhd', 'vxd', 'wsc', 'wsf', 'wsh', 'xll',
];

/** Archive extensions whose contents Gmail inspects (only zip and RAR directories are read here). */
export const ARCHIVE_EXTENSIONS: readonly string[] = ['zip', 'rar', 'tar', 'tgz', 'taz', 'z', 'gz', 'bz2', '7z'];

const BLOCKED = new Set(BLOCKED_EXTENSIONS);

/**
 * `name` without the dots and white space it ends with (Windows drops them: `invoice.exe. ` runs as
 * invoice.exe). A loop, not /[\s.]+$/, which retries from every position of a long run of dots.
 */
function withoutTrailingDotsAndSpaces(name: string): string {
  let end = name.length;
  while (end > 0 && /[\s.]/.test(name[end - 1] as string)) end--;
  return name.slice(0, end);
}

/** The blocked extension of a file name (lower case, without the dot), or undefined. */
export function blockedExtension(name: string): string | undefined {
  const base = withoutTrailingDotsAndSpaces(name.trim()).toLowerCase();
  const dot = base.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = base.slice(dot + 1);
  return BLOCKED.has(ext) ? ext : undefined;
}

/** The archive extension of a file name, or undefined. */
export function archiveExtension(name: string): string | undefined {
  const base = name.trim().toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot < 0 ? '' : base.slice(dot + 1);
  return ARCHIVE_EXTENSIONS.includes(ext) ? ext : undefined;
}

// Size limits: Gmail and Yahoo accept messages up to 25 MB including attachments, counted as sent, i.e.
// after base64 (about +33 %): support.google.com/mail/answer/6590 ("up to 25 megabytes (MB) total
// including attachments"), Yahoo via Validity's KB (facts.md §4.2). The warning at 10 MB is ours: many
// company gateways still refuse larger messages (facts: receivers' limits "typically 10 MB").
export const MESSAGE_SIZE_ERROR = 25 * 1024 * 1024;
export const MESSAGE_SIZE_WARNING = 10 * 1024 * 1024;
/** Gmail clips a message whose HTML is over about 102 KB ("[Message clipped]"): AboutMy.email's size check (wave2-facts.md §1.1 [AME-POT]). */
export const GMAIL_CLIP_BYTES = 102 * 1024;
