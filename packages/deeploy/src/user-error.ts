/**
 * The base class of every error whose message is written for the person running the command: it
 * already says what is wrong, where, and what to do. Such an error is an expected failure, printed
 * as it is (`deploy failed: <message>`); any other error is a bug, reported as unexpected with a
 * pointer to --verbose. A new user-facing error class extends this one, and is then reported right
 * without being listed anywhere.
 */
export abstract class UserError extends Error {
  constructor(message: string) {
    super(message);
    // The subclass's own name, for stack traces and `String(error)`.
    this.name = new.target.name;
  }
}
