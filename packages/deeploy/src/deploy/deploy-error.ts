/** A deploy step failed in a way its message explains (what, and what to do). */
export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}
