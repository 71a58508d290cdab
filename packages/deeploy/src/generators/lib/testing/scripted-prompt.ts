/** Test helper: a PromptIO that answers from a script and keeps a transcript of the session. */
import type { PromptIO } from '../prompt';
import { PromptCancelled } from '../prompt';

export interface ScriptedPrompt extends PromptIO {
  /** Every line shown and every question with its answer (`? question → answer`), in order. */
  readonly transcript: string[];
  /** The answers not used. */
  readonly unused: string[];
  readonly closed: boolean;
}

export function scriptedPrompt(answers: readonly string[]): ScriptedPrompt {
  const left = [...answers];
  const transcript: string[] = [];
  let closed = false;
  return {
    transcript,
    get unused() {
      return [...left];
    },
    get closed() {
      return closed;
    },
    ask(prompt) {
      const answer = left.shift();
      if (answer === undefined) return Promise.reject(new PromptCancelled('the input ended before every question was answered'));
      transcript.push(`? ${prompt.trim()} → ${answer}`);
      return Promise.resolve(answer);
    },
    say(line) {
      transcript.push(line);
    },
    close() {
      closed = true;
    },
  };
}
