/**
 * What a task prints: a few plain lines prefixed by the project, through the Nx devkit logger, each
 * passed through redaction (the secret values given, e.g. those of the environment and their
 * Basic-auth form; Authorization headers; credentials in URLs). And the one line a failure becomes: what failed, for
 * which project, and what to do.
 */
import { logger } from '../nx/devkit';
import { DeeployApiError, OutcomeUnknownError } from '../api/errors';
import { redact } from '../api/redact';
import { UserError } from '../user-error';
import type { TaskKind } from '../settings/context-layers';

export interface TaskOutput {
  info(line: string): void;
  error(line: string): void;
  /** Makes any text safe to print or store. */
  clean(text: string): string;
}

/** Where a task's lines go: the Nx logger (one task per process), or a batch's per-task capture. */
export interface LineSink {
  info(line: string): void;
  error(line: string): void;
}

export function taskOutput(project: string, secrets: readonly string[], sink: LineSink = logger): TaskOutput {
  const clean = (text: string) => redact(text, secrets);
  return {
    clean,
    info: (line) => sink.info(clean(`[${project}] ${line}`)),
    error: (line) => sink.error(clean(`[${project}] ${line}`)),
  };
}

/** What to do about a failed Deeploy call, by its status. */
export function apiAdvice(error: DeeployApiError): string {
  const status = error.status;
  if (status === 401) return 'check DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY (a personal key pair of this Deeploy)';
  if (status === 403) return 'the key pair may not do this in the workspace: check the workspace id and your role in Deeploy';
  if (status === 404) return 'check the workspace id and, if set, the deploymentId';
  if (status === 409) return 'Deeploy refused a conflicting change: check the deployment in Deeploy, then run again';
  if (status !== undefined && status >= 400 && status < 500) return "fix the setting named in Deeploy's message and run again";
  return 'Deeploy could not be reached or answered with an error: run again later (a re-run never makes a second deployment)';
}

/** One line: `<kind> failed: <what>; <what to do>`. Unknown errors say so and point at --verbose. */
export function failureLine(kind: TaskKind, error: unknown): string {
  if (error instanceof DeeployApiError) return `${kind} failed: ${error.message}; ${apiAdvice(error)}`;
  if (error instanceof OutcomeUnknownError) {
    return `${kind} failed: ${error.message}; run again: the task looks the deployment up before changing anything`;
  }
  if (error instanceof UserError) return `${kind} failed: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `${kind} failed with an unexpected error: ${message.split('\n')[0]}; run again with --verbose for the details`;
}
