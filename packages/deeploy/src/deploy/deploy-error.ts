import { UserError } from '../user-error';

/** A deploy step failed in a way its message explains (what, and what to do). */
export class DeployError extends UserError {}
