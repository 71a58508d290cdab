// The plugin entry Nx loads on every graph computation: only the inference plugin, nothing heavier.
// The contract API is `deeploy/dist/contract` for tools that want it.
export { createNodes, createNodesV2 } from './plugins/plugin';
export type { DeeployPluginOptions } from './plugins/plugin-options';
