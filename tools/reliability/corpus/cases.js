/** Every case of the bad-input corpus, by area. */
const { CONTRACT_CASES } = require('./contract-cases');
const { OPTION_CASES } = require('./option-cases');
const { ENV_CASES } = require('./env-cases');
const { GIT_CASES } = require('./git-cases');
const { GENERATOR_CASES } = require('./generator-cases');

const CASES = [...CONTRACT_CASES, ...OPTION_CASES, ...ENV_CASES, ...GIT_CASES, ...GENERATOR_CASES];

module.exports = { CASES };
