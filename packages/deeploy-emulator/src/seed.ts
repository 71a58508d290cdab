/**
 * Seeds: the credentials and the workspaces/repositories an emulator starts with, and how a seed
 * becomes (or is merged into) the persisted state.
 */
import { createHash } from 'node:crypto';
import { REPOSITORY_STATUS_READY } from './status';
import type { EmulatorSeed, EmulatorState, StoredRepository, StoredWorkspace } from './types';

export const DEFAULT_WORKSPACE_ID = '3f1c5a2e-7b4d-4e8a-9c61-2d5b8e0f4a17';
export const DEFAULT_REPOSITORY_ID = '8a2d4c6e-1f3b-4a5c-8e7d-9b0a1c2d3e4f';

/**
 * A ready-made seed: one workspace with one repository. The credentials are fixed, well-known
 * values meant for local use only (they are listed in the README).
 */
export function defaultSeed(remotePath = 'git@github.com:acme/models.git'): EmulatorSeed {
  return {
    credentials: {
      accessKey: 'emulator-access-key',
      secretKey: 'emulator-secret-key',
      tokens: ['emulator-token'],
    },
    workspaces: [
      {
        id: DEFAULT_WORKSPACE_ID,
        name: 'emulator',
        repositories: [{ id: DEFAULT_REPOSITORY_ID, name: 'models', remotePath }],
      },
    ],
  };
}

/** A uuid-shaped id derived from stable inputs, so a seed without ids gives the same ids each start. */
export function stableId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The team id Deeploy puts on workspace objects; the emulator has one team per workspace. */
function teamIdOf(workspaceId: string): string {
  return stableId('team', workspaceId);
}

/**
 * Adds the seed's workspaces and repositories that the state lacks (matched by id); what the
 * state already holds is kept, so a restart with the same seed changes nothing.
 */
export function mergeSeed(state: EmulatorState, seed: EmulatorSeed, now: string): EmulatorState {
  for (const seedWorkspace of seed.workspaces) {
    let workspace = state.workspaces.find((w) => w.id === seedWorkspace.id);
    if (!workspace) {
      workspace = {
        id: seedWorkspace.id,
        name: seedWorkspace.name ?? seedWorkspace.id,
        teamId: teamIdOf(seedWorkspace.id),
        createdAt: now,
        repositories: [],
        deployments: [],
        uploads: [],
      } satisfies StoredWorkspace;
      state.workspaces.push(workspace);
    }
    for (const seedRepository of seedWorkspace.repositories) {
      const id = seedRepository.id ?? stableId('repository', seedWorkspace.id, seedRepository.name);
      if (workspace.repositories.some((r) => r.id === id)) continue;
      workspace.repositories.push({
        id,
        name: seedRepository.name,
        remotePath: seedRepository.remotePath,
        status: REPOSITORY_STATUS_READY,
        workspaceId: workspace.id,
        teamId: workspace.teamId,
        createdAt: now,
        updatedAt: now,
      } satisfies StoredRepository);
    }
  }
  return state;
}

/** One line naming the seed file and the rule broken, or undefined for a usable seed. */
export function seedProblem(seed: unknown): string | undefined {
  if (!isObject(seed)) return 'must be a JSON object with "credentials" and "workspaces"';
  const credentials = seed.credentials;
  if (!isObject(credentials) || !nonEmptyString(credentials.accessKey) || !nonEmptyString(credentials.secretKey)) {
    return '"credentials" must hold non-empty "accessKey" and "secretKey" strings';
  }
  if (credentials.tokens !== undefined && (!Array.isArray(credentials.tokens) || !credentials.tokens.every(nonEmptyString))) {
    return '"credentials.tokens" must be an array of non-empty strings';
  }
  if (!Array.isArray(seed.workspaces)) return '"workspaces" must be an array';
  for (const [i, workspace] of seed.workspaces.entries()) {
    if (!isObject(workspace) || !nonEmptyString(workspace.id)) return `"workspaces[${i}].id" must be a non-empty string`;
    if (!Array.isArray(workspace.repositories)) return `"workspaces[${i}].repositories" must be an array`;
    for (const [j, repository] of workspace.repositories.entries()) {
      if (!isObject(repository) || !nonEmptyString(repository.name) || !nonEmptyString(repository.remotePath)) {
        return `"workspaces[${i}].repositories[${j}]" must have non-empty "name" and "remotePath" strings`;
      }
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
