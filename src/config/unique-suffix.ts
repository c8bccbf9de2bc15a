// Suffixes for temporary names (config temp files, lock drafts and owner records). They need to be
// unlikely to collide, not to be secret: every file they name is created exclusively ('wx'), so a
// collision fails loudly rather than sharing a file. Math.random instead of node:crypto because loading
// crypto costs a command about 4 ms, more than the rest of reading the config.

/** `hexDigits` random hexadecimal digits. */
export function uniqueSuffix(hexDigits: number): string {
  let out = '';
  while (out.length < hexDigits) out += Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return out.slice(0, hexDigits);
}
