import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { resolveContractPath } from './contract-path';
import { ContractError } from './errors';
import { makeTempDir, makeTempWorkspace, removeTempDir } from './testing/temp-workspace';

describe('resolveContractPath', () => {
  let workspace: string;
  let outside: string;

  beforeEach(() => {
    workspace = makeTempWorkspace({ 'models/churn/model/reference.json': '{}', 'shared/readme.md': 'x' });
    outside = makeTempDir('deeploy-outside-');
    mkdirSync(join(outside, 'elsewhere'));
    symlinkSync(outside, join(workspace, 'escape'));
    symlinkSync(join(workspace, 'models'), join(workspace, 'alias'));
    symlinkSync(join(outside, 'missing-target'), join(workspace, 'dangling'));
  });
  afterEach(() => {
    removeTempDir(workspace);
    removeTempDir(outside);
  });

  function errorOf(path: string, source?: string): ContractError {
    try {
      resolveContractPath(workspace, path, source);
    } catch (error) {
      if (error instanceof ContractError) return error;
      throw error;
    }
    throw new Error(`expected ${JSON.stringify(path)} to be refused`);
  }

  it.each([
    ['models/churn', 'models/churn'],
    ['./models//churn/', 'models/churn'],
    ['', ''],
    ['.', ''],
    ['models/new-contract', 'models/new-contract'],
    ['not/yet/created', 'not/yet/created'],
    // A link that stays inside the workspace resolves in any checkout, so it is allowed.
    ['alias/churn', 'alias/churn'],
  ])('accepts %j as %j', (input, normalized) => {
    const resolved = resolveContractPath(workspace, input);
    expect(resolved.contractPath).toBe(normalized);
    expect(resolved.absolutePath).toBe(normalized === '' ? workspace : join(workspace, ...normalized.split('/')));
  });

  it.each([
    ['../outside', /contains "\.\."/],
    ['/etc', /is absolute/],
    ['models\\churn', /backslash/],
    ['C:/x', /drive letter/],
  ])('refuses %j by its text', (path, rule) => {
    const error = errorOf(path);
    expect(error.file).toBe(path);
    expect(error.message).toMatch(rule);
  });

  it('refuses a folder reached through a link that leads outside the workspace', () => {
    const error = errorOf('escape/elsewhere');
    expect(error.message).toBe(
      'escape/elsewhere: contract path "escape/elsewhere" leads outside the workspace through the symbolic link "escape"; move the contract into the workspace instead of linking to it',
    );
  });

  it('refuses a folder that does not exist yet below a link out (its nearest existing ancestor escapes)', () => {
    expect(errorOf('escape/new/contract').message).toMatch(/through the symbolic link "escape"/);
  });

  it('refuses a dangling link, whose target could be created anywhere', () => {
    expect(errorOf('dangling/x').message).toMatch(/through the symbolic link "dangling"/);
  });

  it('names the option the path came from', () => {
    const error = errorOf('../x', '--path');
    expect(error.file).toBe('--path');
    expect(error.message).toMatch(/^--path: contract path "\.\.\/x" contains "\.\."/);
  });
});
