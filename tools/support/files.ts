/** Writing a workspace's files: folders made as needed, JSON as people and generators write it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `content` to `root/relative` (`/`-separated); an object is written as 2-space JSON with a final newline. */
export function writeFile(root: string, relative: string, content: string | object): void {
  const file = join(root, ...relative.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
}

/** Writes every `relative → content` of `files` (see writeFile). */
export function writeFiles(root: string, files: Record<string, string | object>): void {
  for (const [relative, content] of Object.entries(files)) writeFile(root, relative, content);
}

export interface ContractFiles {
  /** model/reference.json, e.g. `{ reference: { docker: { image, uri, port } } }`. */
  reference: object;
  /** explainer/reference.json, when the contract has an explainer. */
  explainer?: object;
  /** metadata.json (default `{ problemType: 'classification' }`). */
  metadata?: object;
  /** project.json, when the contract sets target options. */
  project?: object;
}

/** The files of one contract folder at `contractPath`, as `writeFiles` takes them. */
export function contractFiles(contractPath: string, contract: ContractFiles): Record<string, object> {
  const files: Record<string, object> = {
    [`${contractPath}/model/reference.json`]: contract.reference,
    [`${contractPath}/metadata.json`]: contract.metadata ?? { problemType: 'classification' },
  };
  if (contract.explainer) files[`${contractPath}/explainer/reference.json`] = contract.explainer;
  if (contract.project) files[`${contractPath}/project.json`] = contract.project;
  return files;
}

/** A docker reference (model/reference.json) serving `image`. */
export function dockerReference(image: string, uri = '/v1/models/model:predict', port = 8080): object {
  return { reference: { docker: { image, uri, port } } };
}
