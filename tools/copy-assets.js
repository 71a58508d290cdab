#!/usr/bin/env node
// tsc compiles only .ts: copy the JSON schemas and the EJS template folders of the plugin into dist/
// so that generators.json and executors.json can point at dist/.
const fs = require('node:fs');
const path = require('node:path');

const src = path.join(__dirname, '..', 'packages', 'deeploy', 'src');
const dist = path.join(__dirname, '..', 'packages', 'deeploy', 'dist');

function walk(dir, rel = '') {
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const relPath = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'files') fs.cpSync(path.join(dir, relPath), path.join(dist, relPath), { recursive: true });
      else walk(dir, relPath);
    } else if (entry.name.endsWith('.json')) {
      fs.mkdirSync(path.join(dist, rel), { recursive: true });
      fs.copyFileSync(path.join(dir, relPath), path.join(dist, relPath));
    }
  }
}
walk(src);
