/**
 * Reads one contract folder from disk and checks it against the folder rules and the schemas
 * (deeploy-api.md §5), collecting every problem rather than stopping at the first, so a user fixes
 * a contract in one round. Deeploy only finds a broken contract after a deployment was made; this
 * is where we find it first.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { resolveContractPath } from './contract-path';
import { ARTIFACTS, type Artifact } from './enums';
import { ContractError, contractErrorsFromZod } from './errors';
import { parseJsonText } from './json-text';
import { type Metadata, metadataSchema } from './metadata-schema';
import { type ReferenceBody, referenceFileSchemas, referenceUnknownKeys } from './reference-schema';

export { contractMarkerGlob, contractRootOfMarker, isContractMarker } from './contract-marker';

/** One artifact of a contract: either a reference to where it lives, or the file itself in git. */
export type ArtifactContent =
  | { source: 'reference'; /** workspace-relative POSIX path of the reference.json */ file: string; reference: ReferenceBody }
  | { source: 'file'; /** workspace-relative POSIX path, e.g. `sub/model/model.joblib` */ file: string };

export interface ContractFiles {
  /** Normalized workspace-relative POSIX path; '' is the workspace root. */
  contractPath: string;
  model: ArtifactContent;
  explainer?: ArtifactContent;
  transformer?: ArtifactContent;
  metadata?: Metadata;
}

/** `contract` is set only when `errors` is empty. */
export interface ReadContractResult {
  contract?: ContractFiles;
  errors: ContractError[];
  /**
   * What is kept but worth a look, one located line each: unknown keys in a reference.json
   * (Deeploy ignores them; older official clients wrote `credentialsId`, a typo looks the same).
   */
  warnings: ContractError[];
}

/** What each artifact folder may hold besides a reference.json. */
interface ArtifactRule {
  required: boolean;
  /** Names of the file that may stand in for reference.json. */
  isFile?: (name: string) => boolean;
  /** How the file is described to a user. */
  fileDescription?: string;
  /** What the folder should hold, in a sentence. */
  expected: string;
  /** What is wrong when it holds none of that. */
  empty: string;
}

const ARTIFACT_RULES: Record<Artifact, ArtifactRule> = {
  model: {
    required: true,
    isFile: (name) => /^model\.[^.]/.test(name),
    fileDescription: 'a model.<ext> file',
    expected: 'reference.json or one model.<ext> file (e.g. model.joblib)',
    empty: 'holds neither reference.json nor a model.<ext> file',
  },
  explainer: {
    required: false,
    isFile: (name) => name === 'explainer.dill',
    fileDescription: 'explainer.dill',
    expected: 'reference.json or explainer.dill',
    empty: 'holds neither reference.json nor explainer.dill',
  },
  transformer: {
    required: false,
    expected: 'reference.json (a docker reference, optionally with a blob)',
    empty: 'holds no reference.json (a docker reference, optionally with a blob)',
  },
};

const SYMBOLIC_LINK_RULE =
  'is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder';
/** Enough to show the pattern; a folder of thousands of links needs one fix, not thousands of lines. */
const MAX_LINK_ERRORS = 10;

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

type EntryKind = 'file' | 'folder' | 'missing';

function kindOf(path: string): EntryKind {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

export function readContract(workspaceRoot: string, contractPath: string): ReadContractResult {
  let resolvedPath: string;
  try {
    resolvedPath = resolveContractPath(workspaceRoot, contractPath).contractPath;
  } catch (error) {
    if (error instanceof ContractError) return { errors: [error], warnings: [] };
    throw error;
  }
  const reader = new ContractReader(workspaceRoot, resolvedPath);
  const folderKind = kindOf(reader.absolute(resolvedPath));
  if (folderKind !== 'folder') {
    const rule = folderKind === 'missing' ? 'the contract folder does not exist; create it or fix the path' : 'is a file; a contract is a folder';
    return { errors: [new ContractError(resolvedPath || '.', '', rule)], warnings: [] };
  }

  // A link would be read through here but stored as a link in git, which is what Deeploy reads.
  const links = reader.symbolicLinks();
  if (links.length > 0) return { errors: links, warnings: [] };

  const model = reader.artifact('model');
  const explainer = reader.artifact('explainer');
  const transformer = reader.artifact('transformer');
  const metadata = reader.metadata();
  if (reader.errors.length > 0 || !model) return { errors: reader.errors, warnings: reader.warnings };
  const contract: ContractFiles = { contractPath: resolvedPath, model };
  if (explainer) contract.explainer = explainer;
  if (transformer) contract.transformer = transformer;
  if (metadata) contract.metadata = metadata;
  return { contract, errors: [], warnings: reader.warnings };
}

/** One line per error, for logs and thrown messages. */
export function formatContractErrors(errors: readonly ContractError[]): string {
  return errors.map((error) => error.message).join('\n');
}

class ContractReader {
  readonly errors: ContractError[] = [];
  readonly warnings: ContractError[] = [];

  constructor(
    private readonly workspaceRoot: string,
    private readonly contractPath: string,
  ) {}

  /** Workspace-relative POSIX path of an entry of the contract. */
  relative(...parts: string[]): string {
    return [this.contractPath, ...parts].filter((p) => p !== '').join('/');
  }

  absolute(relativePath: string): string {
    return relativePath === '' ? this.workspaceRoot : join(this.workspaceRoot, ...relativePath.split('/'));
  }

  private fail(file: string, rule: string, jsonPath = ''): undefined {
    this.errors.push(new ContractError(file, jsonPath, rule));
    return undefined;
  }

  /**
   * Every symbolic link on the contract's path (inside the workspace) and among the entries Deeploy
   * reads (model/, explainer/, transformer/, metadata.json, walked in full). Deeploy reads git
   * objects, where a link is a link, not the file it points to: the contract would validate here
   * (and `nx affected` and the cached validate would miss a change of the target) but fail there.
   * At most MAX_LINK_ERRORS are listed.
   */
  symbolicLinks(): ContractError[] {
    const links: string[] = [];
    const segments = this.contractPath === '' ? [] : this.contractPath.split('/');
    for (let k = 1; k <= segments.length; k++) {
      const prefix = segments.slice(0, k).join('/');
      if (isSymbolicLink(this.absolute(prefix))) links.push(prefix);
    }
    const walk = (relativePath: string): void => {
      if (links.length >= MAX_LINK_ERRORS) return;
      let stat;
      try {
        stat = lstatSync(this.absolute(relativePath));
      } catch {
        return;
      }
      if (stat.isSymbolicLink()) links.push(relativePath);
      else if (stat.isDirectory()) for (const name of readdirSync(this.absolute(relativePath)).sort()) walk(`${relativePath}/${name}`);
    };
    if (links.length === 0) for (const entry of [...ARTIFACTS, 'metadata.json']) walk(this.relative(entry));
    return links.slice(0, MAX_LINK_ERRORS).map((link) => new ContractError(link, '', SYMBOLIC_LINK_RULE));
  }

  artifact(artifact: Artifact): ArtifactContent | undefined {
    const rule = ARTIFACT_RULES[artifact];
    const folder = this.relative(artifact);
    const kind = kindOf(this.absolute(folder));
    if (kind === 'missing') {
      if (rule.required) return this.fail(folder, `is missing; a contract needs a ${artifact}/ folder holding ${rule.expected}`);
      return undefined;
    }
    if (kind === 'file') return this.fail(folder, `is a file; ${artifact} must be a folder holding ${rule.expected}`);

    const names = readdirSync(this.absolute(folder)).sort();
    const hasReference = names.includes('reference.json');
    const files = rule.isFile ? names.filter((name) => rule.isFile?.(name) && kindOf(this.absolute(`${folder}/${name}`)) === 'file') : [];

    if (hasReference && files.length > 0) {
      return this.fail(
        folder,
        `holds both reference.json and ${files.join(', ')}; keep one: reference.json to deploy what it references, or ${files.length > 1 ? rule.fileDescription : files[0]} to deploy the file itself`,
      );
    }
    if (files.length > 1) return this.fail(folder, `holds ${files.length} ${artifact} files (${files.join(', ')}); keep exactly one`);
    if (hasReference) return this.reference(artifact, `${folder}/reference.json`);
    if (files.length === 1) {
      const file = `${folder}/${files[0]}`;
      return { source: 'file', file };
    }

    const misspelt = names.find((name) => name.toLowerCase() === 'reference.json');
    const hint = misspelt ? `; rename "${misspelt}" to "reference.json"` : rule.required ? '; add one' : '; add one or remove the folder';
    return this.fail(folder, `${rule.empty}${hint}`);
  }

  private reference(artifact: Artifact, file: string): ArtifactContent | undefined {
    const parsed = this.readJson(file, referenceFileSchemas[artifact]);
    if (!parsed) return undefined;
    for (const path of referenceUnknownKeys(parsed)) {
      this.warnings.push(
        new ContractError(
          file,
          path,
          'unknown field, kept: Deeploy ignores it (older official clients wrote credentialsId); remove it, or fix the spelling if it is a misspelt field',
        ),
      );
    }
    return { source: 'reference', file, reference: parsed.reference };
  }

  metadata(): Metadata | undefined {
    const file = this.relative('metadata.json');
    const kind = kindOf(this.absolute(file));
    if (kind === 'missing') return undefined;
    if (kind === 'folder') return this.fail(file, 'is a folder; metadata.json must be a file (or be removed)');
    return this.readJson(file, metadataSchema);
  }

  private readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined {
    if (kindOf(this.absolute(file)) !== 'file') return this.fail(file, 'is a folder; it must be a JSON file');
    const text = readFileSync(this.absolute(file), 'utf8');
    const parsed = parseJsonText(text);
    if (parsed.syntax) {
      const { line, column, problem } = parsed.syntax;
      return this.fail(file, `invalid JSON: ${problem}`, `line ${line}, column ${column}`);
    }
    const result = schema.safeParse(parsed.value);
    if (!result.success) {
      this.errors.push(...contractErrorsFromZod(file, result.error));
      return undefined;
    }
    return result.data;
  }
}
