/**
 * The ExecutorContext Nx hands an executor, built from the workspace's files the way Nx builds it
 * for an inferred contract project: the deeploy targets with the options of the project's
 * project.json, and nx.json's plugin entry.
 */
const fs = require('node:fs');
const path = require('node:path');

const TARGETS = { 'deeploy-deploy': 'deeploy:deploy', 'deeploy-update': 'deeploy:update' };
const TARGET_OF = { deploy: 'deeploy-deploy', update: 'deeploy-update' };

function readJson(file) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The options project.json gives a target ({} when none). */
function targetOptionsOf(root, projectRoot, target) {
  const projectJson = readJson(path.join(root, projectRoot, 'project.json'));
  return { ...(projectJson?.targets?.[target]?.options ?? {}) };
}

/**
 * `project` defaults to the project root; `pluginOptions` replaces nx.json's deeploy plugin
 * options (default: read from nx.json).
 */
function executorContext({ root, projectRoot, project = projectRoot, kind = 'deploy', pluginOptions }) {
  const targets = Object.fromEntries(
    Object.entries(TARGETS).map(([name, executor]) => [name, { executor, options: targetOptionsOf(root, projectRoot, name) }]),
  );
  const nxJson = readJson(path.join(root, 'nx.json')) ?? {};
  const plugins = pluginOptions ? [{ plugin: 'deeploy', options: pluginOptions }] : (nxJson.plugins ?? []);
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName: project,
    targetName: TARGET_OF[kind],
    projectsConfigurations: { version: 2, projects: { [project]: { name: project, root: projectRoot, targets } } },
    nxJsonConfiguration: { ...nxJson, plugins },
    projectGraph: { nodes: {}, dependencies: {} },
  };
}

/** The options Nx passes: the target's project.json options merged with the command-line flags. */
function executorOptions({ root, projectRoot, kind = 'deploy', flags = {} }) {
  return { ...targetOptionsOf(root, projectRoot, TARGET_OF[kind]), ...flags };
}

module.exports = { executorContext, executorOptions, TARGET_OF };
