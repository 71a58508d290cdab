import { describe, expect, it } from '@jest/globals';
import { hasStackTrace, unclearFailure } from './lines';

describe('what makes a failure clear', () => {
  const clear = '[models/churn] deploy failed: GET /workspaces/w/repositories answered 401; check DEEPLOY_ACCESS_KEY';

  it('accepts exactly one failure line with a reason', () => {
    expect(unclearFailure(['[models/churn] deploying', clear], 'models/churn')).toBeUndefined();
  });

  it.each([
    ['no failure line', ['[models/churn] deploying'], 'printed no failure line'],
    ['two failure lines', [clear, clear], 'printed 2 failure lines'],
    ['an unexpected error', ['[models/churn] deploy failed with an unexpected error: x is undefined; run with --verbose'], 'failed with an unexpected error'],
    ['too short a reason', ['[models/churn] deploy failed: bad'], 'gave too short a reason'],
    ['a stack trace', [clear, '    at run (/work/dist/deploy/apply-task.js:10:5)'], 'printed a stack trace'],
  ])('refuses %s', (_what, lines, why) => {
    expect(unclearFailure(lines, 'models/churn')).toBe(why);
  });

  it('counts only the failure lines of the project asked about', () => {
    expect(unclearFailure(['[models/other] deploy failed: something else went wrong here'], 'models/churn')).toBe('printed no failure line');
  });

  it('tells stack frames from lines that merely mention "at"', () => {
    expect(hasStackTrace(['    at Object.<anonymous> (file.js:1:2)'])).toBe(true);
    expect(hasStackTrace(['    at async Promise.all (index 0)', 'look at the report'])).toBe(false);
  });
});
