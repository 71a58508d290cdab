/** Test helpers for generator specs working on an in-memory Nx tree. */
import { logger } from '../../../nx/devkit';
import type { Tree } from '../../../nx/devkit';

/** A fingerprint of every pending change, to show that a failed run wrote nothing. */
export function changesOf(tree: Tree): string {
  return JSON.stringify(tree.listChanges().map((c) => [c.path, c.type, c.content?.toString('utf-8')]));
}

/** Runs a generator expected to fail; returns its message after checking the tree is untouched. */
export async function failureOf(tree: Tree, run: () => Promise<unknown>): Promise<string> {
  const before = changesOf(tree);
  let message: string | undefined;
  try {
    await run();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toBeDefined();
  expect(changesOf(tree)).toBe(before);
  expect(message).not.toContain('\n');
  return message!;
}

export function readJsonFile(tree: Tree, path: string): unknown {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} was not written`);
  return JSON.parse(text);
}

/** Captures what the generator logs with logger.info (`lines`) and logger.warn (`warnings`), one string per line. */
export function captureLog(): { lines: () => string[]; warnings: () => string[]; restore: () => void } {
  const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  return {
    lines: () => info.mock.calls.map((c) => String(c[0])),
    warnings: () => warn.mock.calls.map((c) => String(c[0])),
    restore: () => {
      info.mockRestore();
      warn.mockRestore();
    },
  };
}
