import { keptAnswers } from './kept-answers';

describe('answers asked once', () => {
  it('asks once per key and shares the answer', async () => {
    const once = keptAnswers();
    let asked = 0;
    const ask = async () => ++asked;
    expect(await Promise.all([once('a', ask), once('a', ask), once('b', ask)])).toEqual([1, 1, 2]);
    expect(asked).toBe(2);
  });

  it('asks again after a failure, and after forget', async () => {
    const once = keptAnswers();
    await expect(once('a', async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(await once('a', async () => 'fetched')).toBe('fetched');
    once.forget('a');
    expect(await once('a', async () => 'asked again')).toBe('asked again');
  });
});
