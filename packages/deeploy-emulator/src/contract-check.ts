/**
 * The checks Deeploy applies when it reads a contract at the deployed commit (deeploy-api.md §5),
 * as far as the emulator can know them. Pure over a small source interface, so the rules are
 * tested with plain values and the git reading is tested separately.
 */

export interface ContractSource {
  /** Entry names of a repository-relative folder, or undefined when it does not exist. */
  listFolder(folder: string): Promise<string[] | undefined>;
  /** Text of a repository-relative file, or undefined when it does not exist. */
  readFile(file: string): Promise<string | undefined>;
}

const REQUIRED_FIELDS: Record<string, string[]> = {
  blob: ['url'],
  docker: ['image', 'uri'],
  mlflow: ['model'],
  azureML: ['image', 'uri', 'port', 'readinessPath', 'livenessPath'],
  databricks: ['model'],
  huggingface: ['model'],
};
const KINDS = Object.keys(REQUIRED_FIELDS);

/** The kind combinations each artifact may reference (sorted). */
const ALLOWED_SETS: Record<'model' | 'explainer' | 'transformer', string[][]> = {
  model: KINDS.map((k) => [k]),
  explainer: [...KINDS.map((k) => [k]), ['blob', 'docker'], ['docker', 'mlflow'], ['databricks', 'docker']],
  transformer: [['docker'], ['blob', 'docker']],
};

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** Why the contract at `contractPath` would fail on Deeploy, or undefined when it is valid. */
export async function contractProblem(source: ContractSource, contractPath: string): Promise<string | undefined> {
  const where = (artifact: string) => join(contractPath, artifact);

  const model = await source.listFolder(where('model'));
  if (!model) return `${where('model')}/ does not exist; a contract needs a model folder`;
  const modelFiles = model.filter((name) => name === 'reference.json' || /^model\.[^/]+$/.test(name));
  if (modelFiles.length !== 1) {
    return `${where('model')}/ must hold exactly one of reference.json or model.<ext>, found ${modelFiles.length === 0 ? 'none' : modelFiles.join(', ')}`;
  }
  if (modelFiles[0] === 'reference.json') {
    const problem = await referenceProblem(source, join(where('model'), 'reference.json'), 'model');
    if (problem) return problem;
  }

  const explainer = await source.listFolder(where('explainer'));
  if (explainer) {
    if (explainer.includes('reference.json')) {
      const problem = await referenceProblem(source, join(where('explainer'), 'reference.json'), 'explainer');
      if (problem) return problem;
    } else if (!explainer.includes('explainer.dill')) {
      return `${where('explainer')}/ must hold reference.json or explainer.dill`;
    }
  }

  const transformer = await source.listFolder(where('transformer'));
  if (transformer) {
    if (!transformer.includes('reference.json')) return `${where('transformer')}/ must hold reference.json`;
    const problem = await referenceProblem(source, join(where('transformer'), 'reference.json'), 'transformer');
    if (problem) return problem;
  }
  return undefined;
}

async function referenceProblem(source: ContractSource, file: string, artifact: keyof typeof ALLOWED_SETS): Promise<string | undefined> {
  const text = await source.readFile(file);
  if (text === undefined) return `${file} is not a file`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${file} is not valid JSON`;
  }
  const reference = isObject(parsed) ? parsed.reference : undefined;
  if (!isObject(reference)) return `${file} must hold a "reference" object`;
  // Deeploy's schema lets every optional member be null, as older official clients wrote them.
  const kinds = Object.keys(reference)
    .filter((k) => reference[k] !== null)
    .sort();
  const unknown = kinds.filter((k) => !KINDS.includes(k));
  if (unknown.length > 0) return `${file}: unknown reference kind ${unknown.map((k) => `"${k}"`).join(', ')}; known kinds are ${KINDS.join(', ')}`;
  const allowed = ALLOWED_SETS[artifact].some((set) => set.length === kinds.length && set.every((k, i) => k === kinds[i]));
  if (!allowed) {
    const sets = ALLOWED_SETS[artifact].map((set) => set.join('+')).join(', ');
    return `${file}: a ${artifact} reference must hold one of ${sets}, found ${kinds.length === 0 ? 'none' : kinds.join('+')}`;
  }
  for (const kind of kinds) {
    const body = reference[kind];
    if (!isObject(body)) return `${file}: reference.${kind} must be an object`;
    for (const field of REQUIRED_FIELDS[kind]) {
      const value = body[field];
      const present = field === 'port' ? Number.isInteger(value) : typeof value === 'string' && value.length > 0;
      if (!present) return `${file}: reference.${kind}.${field} is required`;
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
