/** Lower-case, trimmed, inner whitespace folded, trailing punctuation dropped. */
export function normalize(text: string): string {
  return (
    text
      // Zero-width characters are invisible: "帮助\u200b" is still "帮助".
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.!?。！？]+$/u, '')
  );
}
