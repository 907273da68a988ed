/**
 * What the package tests share: the repository's package.json, the build output and the list of files
 * `npm pack` would publish. They read the output of `npm run build`, which `npm test` runs first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing slash. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** An absolute path for a path relative to the repository root. */
export function fromRoot(path: string): string {
  return repoRoot + path.replace(/^\.\//, '');
}

/** package.json as JSON. */
export const packageJson = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
  name: string;
  main: string;
  module: string;
  types: string;
  unpkg: string;
  jsdelivr: string;
  customElements: string;
  sideEffects: string[];
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** Reads a build output file, failing with the command to run when the build has not been made. */
export function readBuilt(path: string): string {
  const file = fromRoot(path);
  assert.ok(existsSync(file), `${path} is missing: run \`npm run build\` first`);
  return readFileSync(file, 'utf8');
}

let packed: string[] | undefined;

/** The paths `npm pack` would put into the package, relative to its root (asked once per test file). */
export function packedFiles(): string[] {
  packed ??= listPackedFiles();
  return packed;
}

function listPackedFiles(): string[] {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(pack.status, 0, `npm pack failed: ${pack.stderr}`);
  const [tarball] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;
  assert.ok(tarball, 'npm pack described no package');
  return tarball.files.map((file) => file.path).sort();
}
