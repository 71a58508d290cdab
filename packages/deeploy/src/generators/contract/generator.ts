/**
 * `nx g deeploy:contract <path>`: scaffolds a Deeploy contract folder from flags, or, for a person
 * in a terminal without them, from answers to questions (`askForMissingOptions`).
 *
 * Everything is checked first (`planContract`, no tree access but reads), and only a complete,
 * valid plan is written (`writeContract`): a bad flag or answer leaves the tree untouched.
 */
import { logger, readNxJson, writeJson } from '../../nx/devkit';
import type { Tree } from '../../nx/devkit';
import type { Artifact } from '../../contract/enums';
import { ARTIFACTS } from '../../contract/enums';
import type { Metadata } from '../../contract/metadata-schema';
import { projectNameOf } from '../../contract/project-name';
import type { ReferenceFile } from '../../contract/reference-schema';
import { installedName } from '../../plugins/installed-name';
import { checkArtifactType, TYPE_OPTION, typeNameProblem } from '../lib/artifact-types';
import { contractRootOf, existingContractEntries, inRoot, otherArtifactEntries } from '../lib/contract-root';
import { GeneratorInputError, throwIfProblems } from '../lib/generator-error';
import { isInteractive } from '../lib/interactive';
import { metadataFromFlags } from '../lib/metadata-from-flags';
import { parseOptions } from '../lib/parse-options';
import { deeployEntryIndex, generatorPluginSettings } from '../lib/plugin-entry';
import type { GeneratorPluginSettings } from '../lib/plugin-entry';
import { applyDeployOptions, newProjectJson, projectJsonPath, readProjectJson } from '../lib/project-settings';
import type { DeployOptionChanges, JsonObject } from '../lib/project-settings';
import { openedOnFirstUse, PromptCancelled, readlineIO } from '../lib/prompt';
import type { PromptIO } from '../lib/prompt';
import { kindFlagSpecs, kindsOf, referenceFromFlags } from '../lib/reference-from-flags';
import { writeReference } from '../lib/write-reference';
import { askForMissingOptions } from './ask-missing-options';
import { metadataSkeleton } from './metadata-skeleton';
import { ARTIFACT_FLAG_PREFIX, contractOptionsSchema } from './options';
import type { ContractGeneratorSchema, ContractOptions } from './options';

const GENERATOR = 'contract';

/** Where metadata.json comes from: the flags, the skeleton (no flags), or the file already there. */
export type MetadataSource = 'flags' | 'skeleton' | 'existing';

export interface ContractPlan {
  readonly root: string;
  readonly projectName: string;
  readonly settings: GeneratorPluginSettings;
  readonly references: Partial<Record<Artifact, { file: ReferenceFile; kinds: string[] }>>;
  /** What to write to metadata.json; undefined keeps the file already there. */
  readonly metadata?: Metadata;
  readonly metadataSource: MetadataSource;
  /** Deploy options to write; null removes a type a replaced contract had. */
  readonly deployOptions: DeployOptionChanges;
  readonly existing: string[];
}

/**
 * The contract folder, checked: inside the workspace, and not an existing contract unless
 * --overwrite. Checked before any question, so nobody answers questions for a path that is refused.
 */
function contractRootProblems(tree: Tree, options: Pick<ContractOptions, 'path' | 'overwrite'>): { root?: string; problems: string[]; existing: string[] } {
  const { root, problem: pathProblem } = contractRootOf(tree, options.path);
  if (root === undefined) return { problems: [`contract path ${pathProblem}`], existing: [] };
  const existing = existingContractEntries(tree, root);
  if (existing.length === 0 || options.overwrite) return { root, problems: [], existing };
  const entries = existing.map((e) => (e.endsWith('.json') ? e : `${e}/`)).join(', ');
  const problem = `${root || '.'} already holds a contract (${entries}); rerun with --overwrite to replace the files this generator writes, or choose another path`;
  return { root, problems: [problem], existing };
}

/** The flags that make a model reference, the required ones of each kind: what to tell a script that gave none. */
function modelReferenceFlags(): string {
  return kindsOf('model')
    .map((kind) => {
      const [first, ...rest] = kindFlagSpecs(ARTIFACT_FLAG_PREFIX.model, [kind])
        .filter((spec) => spec.required)
        .map((spec) => `--${spec.flag}`);
      return rest.length > 0 ? `${first} with ${rest.join(' ')}` : first;
    })
    .join(', ');
}

/** Checks every input and returns what to write, or throws one line naming every bad flag. */
export function planContract(tree: Tree, options: ContractOptions): ContractPlan {
  const { root, problems: rootProblems, existing } = contractRootProblems(tree, options);
  if (root === undefined) throwIfProblems(GENERATOR, rootProblems);
  const contractRoot = root!;
  const shown = contractRoot || '.';
  const problems = [...rootProblems];

  const references: ContractPlan['references'] = {};
  const deployOptions: DeployOptionChanges = {};
  for (const artifact of ARTIFACTS) {
    const built = referenceFromFlags(options, ARTIFACT_FLAG_PREFIX[artifact], artifact);
    problems.push(...built.problems);
    if (artifact === 'model' && built.kinds.length === 0) {
      problems.push(
        `no model reference given for ${shown}; pass one of ${modelReferenceFlags()} (--help lists every flag), or run it in a terminal to be asked`,
      );
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

  const { metadata: metadataOfFlags, problems: metadataProblems } = metadataFromFlags(options);
  problems.push(...metadataProblems);
  // Without metadata flags an existing metadata.json (kept with --overwrite) is the user's work: kept.
  const metadataSource: MetadataSource = metadataOfFlags ? 'flags' : tree.exists(inRoot(contractRoot, 'metadata.json')) ? 'existing' : 'skeleton';
  const metadata = metadataSource === 'skeleton' ? metadataSkeleton() : metadataOfFlags;

  for (const [flag, key, ifLeftOut] of [
    ['deploymentName', 'name', 'to name the deployment after the project'],
    ['deploymentDescription', 'description', 'for no description'],
  ] as const) {
    const value = options[flag];
    if (value === undefined) continue;
    if (String(value).trim() === '') problems.push(`--${flag}: must not be empty; leave it out ${ifLeftOut}`);
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
    metadataSource,
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

  for (const artifact of ARTIFACTS) {
    const reference = plan.references[artifact];
    if (!reference) continue;
    const removed = writeReference(tree, plan.root, artifact, reference.file);
    lines.push(`  ${artifact}/reference.json: ${reference.kinds.join('+')}`);
    for (const file of removed) lines.push(`  removed ${file}: ${artifact}/ holds either a reference.json or the ${artifact} file, not both`);
    for (const other of otherArtifactEntries(tree, plan.root, artifact)) lines.push(`  note: ${other} is still there; remove it if the reference replaces it`);
  }

  const metadataFile = inRoot(plan.root, 'metadata.json');
  if (plan.metadata) writeJson(tree, metadataFile, plan.metadata);
  lines.push(
    {
      flags: `  metadata.json: ${Object.keys(plan.metadata ?? {}).join(', ')}`,
      skeleton: `  metadata.json: a starting skeleton (${Object.keys(plan.metadata ?? {}).join(', ')}) to fill in; the metadata flags (--features, --problemType, …) fill it instead`,
      existing: `  kept ${metadataFile} (no metadata flags given; give them with --overwrite to replace it)`,
    }[plan.metadataSource],
  );

  const { json, merged, replacedUnreadable } = projectJsonOf(tree, plan);
  if (replacedUnreadable) lines.push(`  replaced an unreadable project.json (${replacedUnreadable})`);
  writeJson(tree, projectJsonPath(plan.root), json);
  const set = Object.entries(plan.deployOptions).filter(([, v]) => v !== null);
  lines.push(
    `  project.json${merged ? ' (updated, other settings kept)' : ''}: ${
      set.length > 0
        ? `${plan.settings.deployTargetName} options ${set.map(([k, v]) => `${k}=${v}`).join(', ')}`
        : 'no deploy options needed (types are derived)'
    }`,
  );

  for (const entry of plan.existing) {
    const written = entry === 'project.json' || entry === 'metadata.json' || plan.references[entry as Artifact];
    if (!written)
      lines.push(`  kept ${inRoot(plan.root, entry)}${entry.endsWith('.json') ? '' : '/'} (not part of this scaffold; remove it if it no longer belongs)`);
  }
  lines.push(`Next: commit the folder, then run nx run ${plan.projectName}:${plan.settings.validateTargetName}`);
  return lines;
}

/** The terminal questions go to: the process's own, unless a test passes a scripted one. */
export interface ContractTerminal {
  /** Whether questions may be asked at all (a person at a terminal, not CI, not --no-interactive). */
  readonly interactive: boolean;
  /** Opens the terminal; called only when a question is actually asked. */
  open(): PromptIO;
}

const processTerminal: ContractTerminal = {
  get interactive() {
    return isInteractive(process.env, process.stdout);
  },
  open: () => readlineIO(process.stdin, process.stdout),
};

/** The options completed by questions, after the path is known to be usable. */
async function withAnswers(tree: Tree, options: ContractOptions, terminal: ContractTerminal): Promise<ContractOptions> {
  throwIfProblems(GENERATOR, contractRootProblems(tree, options).problems);
  const io = openedOnFirstUse(terminal.open);
  try {
    return await askForMissingOptions(options, io);
  } catch (error) {
    if (error instanceof PromptCancelled) throw new GeneratorInputError(GENERATOR, [error.message]);
    throw error;
  } finally {
    io.close();
  }
}

/**
 * Without an entry in nx.json (under any name the plugin is installed as) Nx infers no deeploy
 * targets, and the next command the log suggests fails. The fix names init as installed here.
 */
function unregisteredPluginWarning(tree: Tree, plan: ContractPlan): string {
  return `deeploy:contract: nx.json does not register the deeploy plugin, so tasks fail with "Cannot find configuration for task ${plan.projectName}:${plan.settings.validateTargetName}"; run nx g ${installedName(tree.root)}:init to register it`;
}

export async function contractGenerator(tree: Tree, schema: ContractGeneratorSchema, terminal: ContractTerminal = processTerminal): Promise<void> {
  let options = parseOptions(GENERATOR, contractOptionsSchema, schema);
  if (terminal.interactive) options = await withAnswers(tree, options, terminal);
  const plan = planContract(tree, options);
  for (const line of writeContract(tree, plan)) logger.info(line);
  if (deeployEntryIndex(readNxJson(tree)) < 0) logger.warn(unregisteredPluginWarning(tree, plan));
}

export default contractGenerator;
