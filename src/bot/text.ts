/** Lower-case, trimmed, inner whitespace folded, trailing punctuation dropped. */
export function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?。！？]+$/u, '');
}
