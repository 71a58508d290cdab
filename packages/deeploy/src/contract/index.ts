/** The public contract API: the files of a contract folder, their rules, and the types they imply. */
export * from './enums';
export * from './errors';
export * from './validators';
export * from './reference-schema';
export * from './metadata-schema';
export * from './project-name';
export * from './json-text';
export * from './contract-path';
export * from './contract-marker';
export { readContract, formatContractErrors } from './contract-folder';
export type { ArtifactContent, ContractFiles, ReadContractResult } from './contract-folder';
export * from './derive-types';
export * from './resolve-types';
