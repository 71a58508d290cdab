/** What run.ts gives every suite and gets back from it. */
export interface SuiteOptions {
  /** Seeds every random choice, so a failing run can be replayed (`--seed=<n>`). */
  seed: number;
  /** Soak runs. */
  runs: number;
  /** Crash-test kills. */
  kills: number;
  /** One line per run or case. */
  verbose: boolean;
  log(line: string): void;
}

export interface SuiteResult {
  /** The suite's figure line, printed last. */
  figure: string;
  /** Lines printed under the suite's "done" line. */
  details: string[];
  /** What went wrong, with what is needed to replay it. */
  problems: string[];
  /** Every figure that must be zero is, and the suite reached its size. */
  ok: boolean;
}
