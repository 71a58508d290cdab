/** Every case of the bad-input corpus, by area. */
import type { BadInputCase } from './case';
import { CONTRACT_CASES } from './contract-cases';
import { OPTION_CASES } from './option-cases';
import { ENV_CASES } from './env-cases';
import { GIT_CASES } from './git-cases';
import { GENERATOR_CASES } from './generator-cases';

export const CASES: readonly BadInputCase[] = [...CONTRACT_CASES, ...OPTION_CASES, ...ENV_CASES, ...GIT_CASES, ...GENERATOR_CASES];
