/** "a blob", "an azureML", "an explainer": messages read as sentences. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
