#!/usr/bin/env node
// A committed launcher, so that `npm ci` links the bin even before `npm run build` made dist/.
try {
  require.resolve('../dist/bin.js');
} catch {
  process.stderr.write('deeploy-emulator: not built yet; run `npm run build` in the repository first\n');
  process.exit(2);
}
require('../dist/bin.js');
