export { createNodes, createNodesV2 } from './plugins/plugin';
export type { DeeployPluginOptions } from './plugins/plugin-options';
export * from './contract';
