/**
 * The deployment status integers the emulator uses. Deeploy only ever showed `1` (running); the
 * others are our choice, documented in the README, and the plugin's client maps them with a
 * configurable table so a real server's values can be plugged in without code changes.
 */
export const DEPLOYMENT_STATUS = {
  /** Accepted, being rolled out (also while the contract is being read). */
  PENDING: 0,
  /** Serving: the one value seen on real Deeploy deployments. */
  RUNNING: 1,
  /** The rollout failed; `statusMessage` says why (e.g. an invalid contract at the commit). */
  FAILED: 2,
  /** Reserved for a stopped deployment; the emulator never produces it on its own. */
  STOPPED: 3,
} as const;

/** The status of a repository Deeploy can read (the only one the emulator uses). */
export const REPOSITORY_STATUS_READY = 1;
