/**
 * `nx g deeploy:contract <path>`: scaffolds a Deeploy contract folder from flags.
 *
 * Everything is checked first (`planContract`, no tree access but reads), and only a complete,
 * valid plan is written (`writeContract`): a bad flag leaves the tree untouched.
 */
import * as path from 'node:path';
import { generateFiles, logger, readNxJson } from '../../nx/devkit';
import type { Tree } from '../../nx/devkit';
import type { Artifact } from '../../contract/enums';
import { ARTIFACTS } from '../../contract/enums';
import type { Metadata } from '../../contract/metadata-schema';
import { projectNameOf } from '../../contract/project-name';
import type { ReferenceFile } from '../../contract/reference-schema';
import { checkArtifactType, TYPE_OPTION, typeNameProblem } from '../lib/artifact-types';
import { contractRootOf, existingContractEntries, inRoot, otherArtifactEntries } from '../lib/contract-root';
import { throwIfProblems } from '../lib/generator-error';
import { jsonFileText } from '../lib/json-file';
import { metadataFromFlags } from '../lib/metadata-from-flags';
import { parseOptions } from '../lib/parse-options';
import { generatorPluginSettings } from '../lib/plugin-entry';
import type { GeneratorPluginSettings } from '../lib/plugin-entry';
import { applyDeployOptions, newProjectJson, projectJsonPath, readProjectJson } from '../lib/project-settings';
import type { DeployOptionChanges, JsonObject } from '../lib/project-settings';
import type { FlagPrefix } from '../lib/reference-from-flags';
import { describeArtifactFlags, referenceFromFlags } from '../lib/reference-from-flags';
import { writeReference } from '../lib/write-reference';
import { contractOptionsSchema } from './options';
import type { ContractGeneratorSchema, ContractOptions } from './options';

const GENERATOR = 'contract';
const PREFIX: Record<Artifact, FlagPrefix> = { model: '', explainer: 'explainer', transformer: 'transformer' };

export interface ContractPlan {
  readonly root: string;
  readonly projectName: string;
  readonly settings: GeneratorPluginSettings;
  readonly references: Partial<Record<Artifact, { file: ReferenceFile; kinds: string[] }>>;
  readonly metadata?: Metadata;
  /** Deploy options to write; null removes a type a replaced contract had. */
  readonly deployOptions: DeployOptionChanges;
  readonly existing: string[];
}

/** Checks every input and returns what to write, or throws one line naming every bad flag. */
export function planContract(tree: Tree, options: ContractOptions): ContractPlan {
  const { root, problem: pathProblem } = contractRootOf(tree, options.path);
  throwIfProblems(GENERATOR, pathProblem ? [`contract path ${pathProblem}`] : []);
  const contractRoot = root!;
  const shown = contractRoot || '.';

  const problems: string[] = [];
  const existing = existingContractEntries(tree, contractRoot);
  if (existing.length > 0 && !options.overwrite) {
    const entries = existing.map((e) => (e.endsWith('.json') ? e : `${e}/`)).join(', ');
    problems.push(`${shown} already holds a contract (${entries}); rerun with --overwrite to replace the files this generator writes, or choose another path`);
  }

  const references: ContractPlan['references'] = {};
  const deployOptions: DeployOptionChanges = {};
  for (const artifact of ARTIFACTS) {
    const built = referenceFromFlags(options, PREFIX[artifact], artifact);
    problems.push(...built.problems);
    if (artifact === 'model' && built.kinds.length === 0) {
      problems.push(`give exactly one model reference: ${describeArtifactFlags('', 'model')}`);
    }
    if (built.file) references[artifact] = { file: built.file, kinds: built.kinds };

    const option = TYPE_OPTION[artifact];
    const given = options[option];
    const nameProblem = typeNameProblem(artifact, given);
    if (nameProblem) problems.push(nameProblem);
    // The type is checked against a valid reference only: against a broken one it adds noise.
    else if (built.problems.length === 0 && (artifact !== 'model' || built.kinds.length > 0)) {
      const check = checkArtifactType(artifact, built.kinds, given, `--${option}`);
      if (!check.ok) problems.push(check.problem);
      // null: a replaced contract's type must not outlive its reference.
      else deployOptions[option] = check.type ?? null;
    }
  }

  const { metadata, problems: metadataProblems } = metadataFromFlags(options);
  problems.push(...metadataProblems);

  for (const [flag, key] of [
    ['deploymentName', 'name'],
    ['deploymentDescription', 'description'],
  ] as const) {
    const value = options[flag];
    if (value === undefined) continue;
    if (String(value).trim() === '') problems.push(`--${flag}: must not be empty; leave it out to keep Deeploy's default`);
    else deployOptions[key] = String(value);
  }

  throwIfProblems(GENERATOR, problems);

  const settings = generatorPluginSettings(readNxJson(tree));
  // An existing project.json (kept with --overwrite) may have named the project already.
  const { json: existingProject } = readProjectJson(tree, contractRoot);
  return {
    root: contractRoot,
    projectName: typeof existingProject?.name === 'string' ? existingProject.name : projectNameOf(contractRoot, settings.rootProjectName),
    settings,
    references,
    metadata,
    deployOptions,
    existing,
  };
}

/** The project.json to write: merged into an existing one (keeping what the user set), else new. */
function projectJsonOf(tree: Tree, plan: ContractPlan): { json: JsonObject; merged: boolean; replacedUnreadable?: string } {
  const { json: existing, problem } = readProjectJson(tree, plan.root);
  if (existing) {
    const withName = existing.name === undefined ? { name: plan.projectName, ...existing } : existing;
    return { json: applyDeployOptions(withName, plan.settings, plan.deployOptions).json, merged: true };
  }
  const given = Object.fromEntries(Object.entries(plan.deployOptions).filter(([, v]) => v !== null)) as JsonObject;
  return { json: newProjectJson(plan.root, plan.projectName, plan.settings.deployTargetName, given), merged: false, replacedUnreadable: problem };
}

/** Writes the plan into the tree; returns the log lines. */
export function writeContract(tree: Tree, plan: ContractPlan): string[] {
  const shown = plan.root || '.';
  const lines = [`Deeploy contract ${shown} (Nx project "${plan.projectName}"):`];
  const templates = path.join(__dirname, 'files');

  for (const artifact of ARTIFACTS) {
    const reference = plan.references[artifact];
    if (!reference) continue;
    const removed = writeReference(tree, plan.root, artifact, reference.file);
    lines.push(`  ${artifact}/reference.json: ${reference.kinds.join('+')}`);
    for (const file of removed) lines.push(`  removed ${file}: ${artifact}/ holds either a reference.json or the ${artifact} file, not both`);
    for (const other of otherArtifactEntries(tree, plan.root, artifact)) lines.push(`  note: ${other} is still there; remove it if the reference replaces it`);
  }

  if (plan.metadata) {
    generateFiles(tree, path.join(templates, 'metadata'), plan.root, { tmpl: '', json: jsonFileText(plan.metadata) });
    lines.push(`  metadata.json: ${Object.keys(plan.metadata).join(', ')}`);
  }

  const { json, merged, replacedUnreadable } = projectJsonOf(tree, plan);
  if (replacedUnreadable) lines.push(`  replaced an unreadable project.json (${replacedUnreadable})`);
  if (merged) tree.write(projectJsonPath(plan.root), jsonFileText(json));
  else generateFiles(tree, path.join(templates, 'project'), plan.root, { tmpl: '', json: jsonFileText(json) });
  const set = Object.entries(plan.deployOptions).filter(([, v]) => v !== null);
  lines.push(
    `  project.json${merged ? ' (updated, other settings kept)' : ''}: ${
      set.length > 0 ? `${plan.settings.deployTargetName} options ${set.map(([k, v]) => `${k}=${v}`).join(', ')}` : 'no deploy options needed (types are derived)'
    }`,
  );

  for (const entry of plan.existing) {
    const written = entry === 'project.json' || (entry === 'metadata.json' && plan.metadata) || plan.references[entry as Artifact];
    if (!written) lines.push(`  kept ${inRoot(plan.root, entry)}${entry.endsWith('.json') ? '' : '/'} (not part of this scaffold; remove it if it no longer belongs)`);
  }
  lines.push(`Next: commit the folder, then run nx run ${plan.projectName}:${plan.settings.validateTargetName}`);
  return lines;
}

export async function contractGenerator(tree: Tree, schema: ContractGeneratorSchema): Promise<void> {
  const options = parseOptions(GENERATOR, contractOptionsSchema, schema);
  const plan = planContract(tree, options);
  for (const line of writeContract(tree, plan)) logger.info(line);
}

export default contractGenerator;
