import { UserError } from '../user-error';

/** A client setting that cannot work: one line naming the option (and its variable) and the fix. */
export class DeeployConfigError extends UserError {}
