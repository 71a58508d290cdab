/**
 * The persisted state: loaded from the JSON data file on start and written after every change,
 * atomically (a temporary file in the same folder, then a rename), so a crash never leaves a
 * half-written file and a restart finds the last complete state.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EmulatorState } from './types';

export function emptyState(): EmulatorState {
  return { version: 1, workspaces: [] };
}

/** The state in `dataFile`, or an empty state when the file does not exist yet. */
export async function loadState(dataFile: string): Promise<EmulatorState> {
  let text: string;
  try {
    text = await fs.readFile(dataFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${dataFile}: is not valid JSON; fix it or delete it to start from the seed`);
  }
  const state = parsed as Partial<EmulatorState>;
  if (state.version !== 1 || !Array.isArray(state.workspaces)) {
    throw new Error(`${dataFile}: is not an emulator state file (expected {"version": 1, "workspaces": [...]}); delete it to start from the seed`);
  }
  return state as EmulatorState;
}

/**
 * Writes are chained so two changes in quick succession cannot rename over each other out of
 * order: the file always ends up holding the latest state.
 */
export class StateFile {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly dataFile: string) {}

  save(state: EmulatorState): Promise<void> {
    const text = `${JSON.stringify(state, null, 2)}\n`;
    const write = this.queue.then(() => writeAtomically(this.dataFile, text));
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.queue;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, text, 'utf8');
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
