/** Section numbers of docs/deeploy-api.md and the `deeploy-api.md §N` citations of it in code. */

/** The numbers of the page's `## N.` and `### N.M` headings. */
export function sectionsOf(markdown: string): Set<string> {
  const numbers = [...markdown.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((match) => match[1]);
  return new Set(numbers);
}

/** Each `deeploy-api.md §N` in a text, with its 1-based line. */
export function citationsIn(text: string): { section: string; line: number }[] {
  return [...text.matchAll(/deeploy-api\.md §(\d+(?:\.\d+)?)/g)].map((match) => ({
    section: match[1],
    line: text.slice(0, match.index).split('\n').length,
  }));
}
