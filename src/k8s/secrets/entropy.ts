/**
 * Shannon entropy of a string in bits per character, over its code points. Random base64 of
 * reasonable length scores about 5 to 6, hex about 3.5 to 4, English words and identifiers under 3.5.
 */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
    length++;
  }
  if (length === 0) return 0;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
