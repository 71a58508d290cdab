/**
 * Questions in a terminal, for generators run by a person without the flags they need (as Nx's
 * own generators ask). Built on node:readline, so the plugin brings no prompt library and no deep
 * import into Nx. The questions (`choose`, `askText`) talk to a `PromptIO`, one line in and text
 * out, so tests script the answers, and re-asking on a bad answer is written once, here.
 */
import { createInterface } from 'node:readline';
import { UserError } from '../../user-error';

/** The person ended the questions (Ctrl-C, Ctrl-D, or the input closed). */
export class PromptCancelled extends UserError {
  constructor(what: string) {
    super(`${what}; nothing was written`);
  }
}

export interface PromptIO {
  /** Shows `prompt` and resolves with the next line typed; rejects with PromptCancelled at the end of input. */
  ask(prompt: string): Promise<string>;
  /** Writes one line: a list of choices, or why an answer is refused. */
  say(line: string): void;
  close(): void;
}

export interface Choice<T extends string> {
  readonly value: T;
  /** Shown after the value: what picking it means. */
  readonly hint?: string;
}

/** Lists the choices, numbered, and asks until one is picked by number or by name. */
export async function choose<T extends string>(io: PromptIO, question: string, choices: readonly Choice<T>[]): Promise<T> {
  io.say(question);
  choices.forEach((choice, i) => io.say(`  ${i + 1}) ${choice.value}${choice.hint ? `: ${choice.hint}` : ''}`));
  for (;;) {
    const answer = (await io.ask(`Pick 1-${choices.length}: `)).trim();
    const byNumber = /^\d+$/.test(answer) ? choices[Number(answer) - 1] : undefined;
    const byName = choices.find((choice) => choice.value.toLowerCase() === answer.toLowerCase());
    const picked = byNumber ?? byName;
    if (picked) return picked.value;
    io.say(`  ${JSON.stringify(answer)} is not one of the choices; answer with a number from 1 to ${choices.length} or a name from the list`);
  }
}

export interface TextQuestion {
  /** An empty answer skips the question (resolves undefined). */
  readonly optional?: boolean;
  /** The problem with an answer, or undefined when it is fine: the same check its flag gets. */
  readonly check?: (answer: string) => string | undefined;
}

/** Asks for a line of text until it passes `check`; surrounding spaces are dropped. */
export async function askText(io: PromptIO, question: string, { optional = false, check }: TextQuestion = {}): Promise<string | undefined> {
  for (;;) {
    const answer = (await io.ask(`${question}${optional ? ' (optional, Enter to skip)' : ''}: `)).trim();
    if (answer === '') {
      if (optional) return undefined;
      io.say('  an answer is needed here');
      continue;
    }
    const problem = check?.(answer);
    if (problem === undefined) return answer;
    io.say(`  ${problem}`);
  }
}

/** A PromptIO that opens the real one at its first question: a run that asks nothing never touches the terminal. */
export function openedOnFirstUse(open: () => PromptIO): PromptIO {
  let io: PromptIO | undefined;
  return {
    ask: (prompt) => (io ??= open()).ask(prompt),
    say: (line) => (io ??= open()).say(line),
    close: () => io?.close(),
  };
}

/**
 * A PromptIO on a readable and a writable stream (the terminal: process.stdin and stdout). Lines
 * that arrive before they are asked for are kept in order, so piped or scripted input works too.
 */
export function readlineIO(input: NodeJS.ReadableStream, output: NodeJS.WritableStream & { isTTY?: boolean }): PromptIO {
  const terminal = output.isTTY === true;
  const rl = createInterface({ input, output, terminal });
  const queued: string[] = [];
  let waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  let ended: PromptCancelled | undefined;

  rl.on('line', (line) => {
    if (!waiting) return void queued.push(line);
    const { resolve } = waiting;
    waiting = undefined;
    resolve(line);
  });
  // Without a listener readline only pauses on Ctrl-C, and the question would hang.
  rl.on('SIGINT', () => {
    ended = new PromptCancelled('the questions were interrupted');
    rl.close();
  });
  rl.on('close', () => {
    ended ??= new PromptCancelled('the input ended before every question was answered');
    waiting?.reject(ended);
    waiting = undefined;
  });

  return {
    ask(prompt) {
      const line = queued.shift();
      if (line !== undefined) {
        // A terminal has shown the line as it was typed; piped input is shown with its question.
        if (!terminal) output.write(`${prompt}${line}\n`);
        return Promise.resolve(line);
      }
      if (ended) return Promise.reject(ended);
      rl.setPrompt(prompt);
      rl.prompt();
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    say(line) {
      output.write(`${line}\n`);
    },
    close() {
      rl.close();
    },
  };
}
