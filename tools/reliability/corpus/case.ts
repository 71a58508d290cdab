/** The shape of a bad-input case and of the workspace it runs in (corpus/workspace.ts). */
import type { SeedRepository } from 'deeploy-emulator';
import type { FileContent } from '../shared/fixtures';

/** Environment variables a case sets; `undefined` unsets one. */
export type CaseEnv = Record<string, string | undefined>;

/** A fresh copy of the corpus workspace: the paths and the helpers a case's setup uses. */
export interface CorpusWorkspace {
  /** The workspace root (a git working copy). */
  dir: string;
  /** Its bare `origin`. */
  origin: string;
  /** A folder outside the workspace, with a valid contract that escapes must not reach. */
  outside: string;
  contract: string;
  git(...args: string[]): string;
  write(relative: string, content: FileContent): void;
  remove(relative: string): void;
  symlink(target: string, relative: string): void;
  /** Commits everything; returns the new HEAD. */
  commit(message: string): string;
  /** Commits everything and pushes to main; returns the new HEAD. */
  commitAndPush(message: string): string;
}

/**
 * One bad input. An executor case (no `generator`) runs deploy or update with its flags,
 * environment and plugin options; a generator case runs `generator` with `options`. Either must be
 * refused with one line matching `expect` that shows none of `mustNotShow`, sending at most
 * `sends` (default nothing).
 */
export interface BadInputCase {
  area: string;
  name: string;
  expect: RegExp;
  mustNotShow?: string[];
  sends?: 'nothing' | 'reads';
  setup?(ws: CorpusWorkspace): void;
  // Executor cases.
  kind?: 'deploy' | 'update';
  flags?: Record<string, unknown>;
  env?: CaseEnv | ((server: { url: string }) => CaseEnv);
  pluginOptions?(server: { url: string; workspaceId: string }): Record<string, unknown>;
  projectRoot?(ws: CorpusWorkspace): string;
  project?: string;
  repositories?(seed: { origin: string; repositoryId: string }): SeedRepository[];
  // Generator cases.
  generator?: string;
  options?: Record<string, unknown>;
}
