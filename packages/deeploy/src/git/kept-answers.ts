/**
 * Answers asked once and shared: the first caller's promise serves every later caller of the same
 * key. A failed answer is forgotten, so a later caller asks again (a fetch or a retry may have
 * fixed it meanwhile); `forget` drops an answer that may change (e.g. "this commit is not here").
 * Used by the batch's git facts and its change index.
 */
export interface KeptAnswers {
  <T>(key: string, ask: () => Promise<T>): Promise<T>;
  forget(key: string): void;
}

export function keptAnswers(): KeptAnswers {
  const kept = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, ask: () => Promise<T>): Promise<T> => {
    let answer = kept.get(key) as Promise<T> | undefined;
    if (!answer) {
      const asked = ask();
      kept.set(key, (answer = asked));
      asked.catch(() => {
        if (kept.get(key) === asked) kept.delete(key);
      });
    }
    return answer;
  };
  return Object.assign(once, { forget: (key: string) => void kept.delete(key) });
}
