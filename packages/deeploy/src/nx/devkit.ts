/**
 * The one door to Nx's devkit API.
 *
 * The plugin's only Nx dependency is `nx` itself, a peer: the workspace's own copy. `@nx/devkit` is
 * a thin re-export of `nx/src/devkit-exports` plus a few helpers; as a dependency of ours it would
 * add a second `@nx/*` package whose version differs from the workspace's nx whenever the two
 * release trains diverge (`nx report` flags it; on Nx 24.0.x no matching @nx/devkit exists at all).
 * Every @nx/devkit release from 22 to 24 loads `nx/src/devkit-exports`, so it is the stable seam
 * across the Nx versions we support. The helpers we used from @nx/devkit (`generateFiles`) are
 * written here instead.
 */
export {
  addProjectConfiguration,
  createNodesFromFiles,
  getProjects,
  logger,
  parseJson,
  readJson,
  readJsonFile,
  readNxJson,
  updateJson,
  updateNxJson,
  writeJson,
} from 'nx/src/devkit-exports';
export type {
  CreateNodesContextV2,
  CreateNodesV2,
  ExecutorContext,
  GeneratorCallback,
  NxJsonConfiguration,
  ProjectConfiguration,
  PromiseExecutor,
  TargetConfiguration,
  Task,
  TaskGraph,
  TaskGraphExecutor,
  Tree,
} from 'nx/src/devkit-exports';
export { generateFiles } from './generate-files';
