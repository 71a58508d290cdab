/**
 * `nx g deeploy:reference <project-or-path>`: (re)writes one artifact's reference.json of an
 * existing contract from flags (the seed's route 2: point a contract at a blob, an image or a
 * registry model). An existing reference or artifact file is replaced only with `--overwrite`, and
 * the log says what changed. Everything is checked before the first write.
 */
import { getProjects, logger, readNxJson, writeJson } from '../../nx/devkit';
import type { ProjectConfiguration, Tree } from '../../nx/devkit';
import type { Artifact, ReferenceKind } from '../../contract/enums';
import { parseJsonText } from '../../contract/json-text';
import { projectNameOf } from '../../contract/project-name';
import type { ReferenceFile } from '../../contract/reference-schema';
import { checkArtifactType, derivedType, TYPE_OPTION, typeNameProblem } from '../lib/artifact-types';
import type { TypeOption } from '../lib/artifact-types';
import { artifactFiles, contractRootOf, inRoot, otherArtifactEntries } from '../lib/contract-root';
import { throwIfProblems } from '../lib/generator-error';
import { parseOptions } from '../lib/parse-options';
import { generatorPluginSettings } from '../lib/plugin-entry';
import type { GeneratorPluginSettings } from '../lib/plugin-entry';
import { applyDeployOptions, newProjectJson, projectJsonPath, readProjectJson, targetOptions } from '../lib/project-settings';
import type { DeployOptionChanges, JsonObject } from '../lib/project-settings';
import { describeReferenceChange } from '../lib/reference-diff';
import { describeArtifactFlags, referenceFromFlags } from '../lib/reference-from-flags';
import { writeReference } from '../lib/write-reference';
import { referenceOptionsSchema } from './options';
import type { ReferenceGeneratorSchema, ReferenceOptions } from './options';

const GENERATOR = 'reference';

export interface ReferencePlan {
  readonly root: string;
  readonly projectName: string;
  readonly artifact: Artifact;
  readonly file: ReferenceFile;
  readonly kinds: ReferenceKind[];
  readonly settings: GeneratorPluginSettings;
  readonly projectJson?: JsonObject;
  readonly deployOptions: DeployOptionChanges;
  /** Only the type flag was given: the existing reference is kept and only the type is set. */
  readonly typeOnly: boolean;
}

/** The contract root a project name or a contract path points at, or the problem. */
export function resolveContract(tree: Tree, target: string, settings: GeneratorPluginSettings): { root?: string; name?: string; problem?: string } {
  // A broken project.json anywhere makes Nx's project listing throw; a path still resolves then,
  // and the listing's error is kept for the message in case the name was meant.
  let project: ProjectConfiguration | undefined;
  let listingProblem = '';
  try {
    project = getProjects(tree).get(target);
  } catch (error) {
    listingProblem = ` (the project list could not be read: ${String((error as Error).message).split('\n')[0]})`;
  }
  if (project) {
    const root = project.root === '.' ? '' : project.root;
    const { problem } = contractRootOf(tree, root);
    if (problem) return { problem: `project "${target}" has root ${problem}` };
    if (!tree.exists(inRoot(root, 'model'))) {
      return {
        problem: `project "${target}" (${root || '.'}) is not a Deeploy contract: it has no model/ folder; scaffold one with nx g deeploy:contract ${root || '.'}`,
      };
    }
    return { root, name: target };
  }
  if (target === settings.rootProjectName && tree.exists('model')) return { root: '', name: target };
  const { root, problem } = contractRootOf(tree, target);
  if (problem) return { problem: `"${target}" is not a project, and as a contract path ${problem}` };
  if (!tree.exists(inRoot(root!, 'model'))) {
    return {
      problem: `"${target}" is neither an Nx project nor a contract folder (no ${inRoot(root!, 'model')}/); give a project name or a contract path, or scaffold one with nx g deeploy:contract ${target}${listingProblem}`,
    };
  }
  return { root, name: undefined };
}

/**
 * The type option change this reference needs in project.json, or the problem: a type the user
 * gives is checked and written; a stored one must fit the new reference (with --overwrite, a
 * stored type that contradicts an image's derived CUSTOM is removed).
 */
function typeChange(
  artifact: Artifact,
  kinds: readonly ReferenceKind[],
  flag: string | undefined,
  projectJson: JsonObject | undefined,
  settings: GeneratorPluginSettings,
  overwrite: boolean,
  projectFile: string,
): { change?: string | null; problem?: string } {
  const option: TypeOption = TYPE_OPTION[artifact];
  if (flag !== undefined) {
    const check = checkArtifactType(artifact, kinds, flag, `--${option}`);
    return check.ok ? { change: check.type ?? null } : { problem: check.problem };
  }
  const fromDeploy = targetOptions(projectJson, settings.deployTargetName)[option];
  const fromUpdate = targetOptions(projectJson, settings.updateTargetName)[option];
  const stored = (fromDeploy ?? fromUpdate) as string | undefined;
  const where = `${projectFile} at targets.${fromDeploy !== undefined ? settings.deployTargetName : settings.updateTargetName}.options.${option}`;
  const check = checkArtifactType(artifact, kinds, stored, stored === undefined ? `--${option}` : where);
  if (check.ok) return {};
  const derived = derivedType(artifact, kinds);
  if (stored !== undefined && derived) {
    if (overwrite) return { change: null };
    return {
      problem: `${where} is ${stored}, which contradicts the new ${kinds.join('+')} ${artifact} (Deeploy derives ${derived} for it); rerun with --overwrite to remove that setting`,
    };
  }
  return { problem: check.problem };
}

export function planReference(tree: Tree, options: ReferenceOptions): ReferencePlan {
  const artifact: Artifact = options.artifact ?? 'model';
  const settings = generatorPluginSettings(readNxJson(tree));
  const problems: string[] = [];

  for (const other of Object.keys(TYPE_OPTION) as Artifact[]) {
    const option = TYPE_OPTION[other];
    if (other !== artifact && options[option] !== undefined) {
      problems.push(`--${option}: applies to --artifact=${other}, but this run writes the ${artifact} reference; drop it or set --artifact=${other}`);
    }
  }
  const typeFlag = options[TYPE_OPTION[artifact]];
  const nameProblem = typeNameProblem(artifact, typeFlag);
  if (nameProblem) problems.push(nameProblem);

  const { root, name, problem: targetProblem } = resolveContract(tree, options.project, settings);
  throwIfProblems(GENERATOR, targetProblem ? [...problems, targetProblem] : []);
  const contractRoot = root!;

  const referenceFile = inRoot(contractRoot, `${artifact}/reference.json`);
  const existing = [referenceFile, ...artifactFiles(tree, contractRoot, artifact)].filter((f) => tree.exists(f));
  let built = referenceFromFlags(options, '', artifact);
  // `--modelType=X` alone sets the type of the reference that is there (what validate asks for
  // when a blob's type cannot be derived), leaving the reference as it is.
  const kept = built.kinds.length === 0 && built.problems.length === 0 && typeFlag !== undefined ? keptReference(tree, referenceFile) : undefined;
  const typeOnly = kept !== undefined;
  if (kept?.problem) problems.push(kept.problem);
  if (kept?.file) built = { ...built, file: kept.file, kinds: kept.kinds };
  if (!typeOnly && existing.length > 0 && !options.overwrite) {
    problems.push(
      `${existing.join(' and ')} already ${existing.length > 1 ? 'exist' : 'exists'}; rerun with --overwrite to replace ${existing.length > 1 ? 'them' : 'it'}`,
    );
  }
  problems.push(...built.problems);
  if (built.kinds.length === 0 && !kept?.problem) problems.push(`give the ${artifact} reference: ${describeArtifactFlags('', artifact)}`);

  const { json: projectJson, problem: projectProblem } = readProjectJson(tree, contractRoot);
  if (projectProblem) problems.push(`${projectProblem}; fix it first, the ${artifact} type is read from it`);

  const deployOptions: DeployOptionChanges = {};
  // The type is checked against a valid reference only: against a broken one it adds noise.
  if (built.file && !nameProblem && !projectProblem) {
    const { change, problem } = typeChange(artifact, built.kinds, typeFlag, projectJson, settings, options.overwrite === true, projectJsonPath(contractRoot));
    if (problem) problems.push(problem);
    if (change !== undefined) deployOptions[TYPE_OPTION[artifact]] = change;
  }

  throwIfProblems(GENERATOR, problems);
  return {
    root: contractRoot,
    projectName: name ?? (typeof projectJson?.name === 'string' ? projectJson.name : projectNameOf(contractRoot, settings.rootProjectName)),
    artifact,
    file: built.file!,
    kinds: built.kinds,
    settings,
    projectJson,
    deployOptions,
    typeOnly,
  };
}

/** The reference.json that a type-only run keeps, with its kinds, or why it cannot. */
function keptReference(tree: Tree, file: string): { file?: ReferenceFile; kinds: ReferenceKind[]; problem?: string } {
  if (!tree.exists(file)) return { kinds: [], problem: `${file} does not exist: give the reference to write with the type` };
  const old = readOldReference(tree, file);
  const reference = (old.json as { reference?: unknown } | undefined)?.reference;
  if (old.unreadable || !reference || typeof reference !== 'object' || Array.isArray(reference)) {
    return {
      kinds: [],
      problem: `${file} is not a readable reference${old.unreadable ? ` (${old.unreadable})` : ''}: give the reference to write with the type, and --overwrite`,
    };
  }
  return { file: old.json as ReferenceFile, kinds: Object.keys(reference) as ReferenceKind[] };
}

function readOldReference(tree: Tree, file: string): { json?: unknown; unreadable?: string } {
  if (!tree.exists(file)) return {};
  const parsed = parseJsonText(tree.read(file, 'utf-8') ?? '');
  if (parsed.syntax) return { unreadable: `line ${parsed.syntax.line}, column ${parsed.syntax.column}: ${parsed.syntax.problem}` };
  return { json: parsed.value };
}

/** Writes the plan into the tree; returns the log lines. */
export function writeReferencePlan(tree: Tree, plan: ReferencePlan): string[] {
  const file = inRoot(plan.root, `${plan.artifact}/reference.json`);
  const old = readOldReference(tree, file);
  const existed = tree.exists(file);
  const replaced = plan.typeOnly ? [] : writeReference(tree, plan.root, plan.artifact, plan.file);

  const lines: string[] = [];
  if (plan.typeOnly) lines.push(`${file}: kept (${plan.kinds.join('+')})`);
  else if (!existed) lines.push(`${file}: written (${plan.kinds.join('+')})`);
  else if (old.unreadable) lines.push(`${file}: replaced an unreadable file (${old.unreadable}) with a ${plan.kinds.join('+')} reference`);
  else {
    const changes = describeReferenceChange(old.json, plan.file as { reference: Record<string, unknown> });
    lines.push(changes.length === 0 ? `${file}: unchanged` : `${file}: replaced`, ...changes.map((c) => `  ${c}`));
  }
  for (const removed of replaced) lines.push(`removed ${removed}: ${plan.artifact}/ now holds the reference instead`);
  for (const other of otherArtifactEntries(tree, plan.root, plan.artifact)) lines.push(`note: ${other} is still there; remove it if the reference replaces it`);

  const hasChanges = Object.keys(plan.deployOptions).length > 0;
  if (plan.projectJson && hasChanges) {
    const applied = applyDeployOptions(plan.projectJson, plan.settings, plan.deployOptions);
    if (applied.lines.length > 0) {
      writeJson(tree, projectJsonPath(plan.root), applied.json);
      lines.push(`${projectJsonPath(plan.root)}:`, ...applied.lines.map((l) => `  ${l}`));
    }
  } else if (hasChanges) {
    const set = Object.fromEntries(Object.entries(plan.deployOptions).filter(([, v]) => v !== null));
    if (Object.keys(set).length > 0) {
      writeJson(tree, projectJsonPath(plan.root), newProjectJson(plan.root, plan.projectName, plan.settings.deployTargetName, set));
      lines.push(
        `${projectJsonPath(plan.root)}: written with ${plan.settings.deployTargetName} options ${Object.entries(set)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
      );
    }
  }
  return lines;
}

export async function referenceGenerator(tree: Tree, schema: ReferenceGeneratorSchema): Promise<void> {
  const options = parseOptions(GENERATOR, referenceOptionsSchema, schema);
  const plan = planReference(tree, options);
  for (const line of writeReferencePlan(tree, plan)) logger.info(line);
}

export default referenceGenerator;
