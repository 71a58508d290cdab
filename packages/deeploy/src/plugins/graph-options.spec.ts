import { GRAPH_OPTION_NAMES, normalizeGraphOptions } from './graph-options';
import { normalizePluginOptions, pluginOptionsSchema } from './plugin-options';

/** What a check does with `raw`: its result, or the message it throws. */
function outcome(check: (raw: unknown) => unknown, raw: unknown): { ok: unknown } | { error: string } {
  try {
    return { ok: check(raw) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// nx.json is JSON: every value a user can write, in the options and in place of them.
const table: [label: string, raw: unknown][] = [
  ['no options', undefined],
  ['null', null],
  ['empty', {}],
  ['every option set', { validateTargetName: 'check', deployTargetName: 'ship', updateTargetName: 'bump', rootProjectName: 'churn' }],
  ['deploy settings kept for the executors', { deployTargetName: 'ship', host: 'app.deeploy.ml', modelType: 'PYTORCH', defaults: { risk: 'low' } }],
  ['names with dots, slashes and @', { deployTargetName: 'deploy.prod', rootProjectName: '@acme/models' }],
  ['a space in a target name', { deployTargetName: 'deploy me' }],
  ['a colon in a target name', { validateTargetName: 'a:b' }],
  ['an empty target name', { updateTargetName: '' }],
  ['a tab in the root project name', { rootProjectName: 'a\tb' }],
  ['an empty root project name', { rootProjectName: '' }],
  ['a number', { updateTargetName: 7 }],
  ['a boolean', { deployTargetName: true }],
  ['null for a name', { validateTargetName: null }],
  ['an array for a name', { rootProjectName: ['x'] }],
  ['an object for a name', { deployTargetName: { name: 'x' } }],
  ['two problems at once', { deployTargetName: 'a b', updateTargetName: 3 }],
  ['two equal target names', { deployTargetName: 'same', updateTargetName: 'same' }],
  ['a target name equal to a default', { updateTargetName: 'deeploy-deploy' }],
  ['equal names and a broken rule', { deployTargetName: 'same', updateTargetName: 'same', rootProjectName: 'a b' }],
  ['equal names and a wrong type', { deployTargetName: 'same', updateTargetName: 'same', rootProjectName: 3 }],
  ['equal names that break the rule', { deployTargetName: 'a b', updateTargetName: 'a b' }],
  ['deployDependsOn: a target name and an object', { deployDependsOn: ['^build', { target: 'publish', projects: ['shared-features'] }] }],
  ['deployDependsOn: an object with a newer Nx field', { deployDependsOn: [{ target: 'build', dependencies: true, params: 'forward', options: { x: 1 } }] }],
  ['deployDependsOn: empty', { deployDependsOn: [] }],
  ['deployDependsOn: not a list', { deployDependsOn: '^build' }],
  ['deployDependsOn: null', { deployDependsOn: null }],
  ['deployDependsOn: bad entries', { deployDependsOn: ['^build', 'a b', 7, { target: '^build' }, { target: 'b', projects: 'x', dependencies: true }, null] }],
  [
    'deployDependsOn: bad params and projects',
    {
      deployDependsOn: [
        { target: 'b', params: 'all' },
        { target: 'b', projects: [''] },
      ],
    },
  ],
  ['deployDependsOn bad and equal target names', { deployDependsOn: ['a b'], deployTargetName: 'same', updateTargetName: 'same' }],
  ['deployDependsOn not a list and equal target names', { deployDependsOn: 3, deployTargetName: 'same', updateTargetName: 'same' }],
  ['a string instead of options', 'deeploy'],
  ['an array instead of options', ['deeploy']],
  ['a number instead of options', 3],
  ['true instead of options', true],
];

describe('normalizeGraphOptions (the inference plugin, without zod)', () => {
  it.each(table)('agrees with the zod schema on %s', (_label, raw) => {
    expect(outcome(normalizeGraphOptions, raw)).toEqual(outcome(normalizePluginOptions, raw));
  });

  it('refuses bad options with one line naming nx.json, the option and the rule', () => {
    expect(() => normalizeGraphOptions({ deployTargetName: 'deploy me' })).toThrow(
      'nx.json: the options of the "deeploy" plugin are invalid: "deployTargetName" must be a target name without spaces or ":" (e.g. "deeploy-deploy")',
    );
    for (const [, raw] of table) {
      const result = outcome(normalizeGraphOptions, raw);
      if ('error' in result) expect(result.error).not.toContain('\n');
    }
  });

  it('checks every option the zod schema defines, so a new one cannot slip past the graph', () => {
    expect([...GRAPH_OPTION_NAMES].sort()).toEqual(Object.keys(pluginOptionsSchema.shape).sort());
    for (const key of Object.keys(pluginOptionsSchema.shape)) {
      const raw = { [key]: 42 };
      expect(outcome(normalizeGraphOptions, raw)).toEqual(outcome(normalizePluginOptions, raw));
      expect(outcome(normalizeGraphOptions, raw)).toHaveProperty('error');
    }
  });
});
