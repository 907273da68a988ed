// Runs every Node-side test (test/node/**/*.test.ts) with Node's built-in runner.
// Node 20's `--test` does not expand globs or pick up .ts files, so the list is built here,
// and tsx is loaded so the TypeScript sources run without a separate compile step.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = findTests('test/node').sort();
if (files.length === 0) {
  console.error('run-node-tests: no test files under test/node');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
