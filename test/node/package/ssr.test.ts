// Server-side rendering: a framework that renders on the server imports the package in plain Node, where
// there is no DOM. Both builds must load there without throwing; the element upgrades in the browser later.
// Each build is loaded in its own Node process, so neither sees globals the other (or the test runner) set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fromRoot, packageJson, readBuilt } from './fixtures.ts';

interface LoadReport {
  hadDom: boolean;
  exports: string[];
  tagName: unknown;
  elementIsClass: boolean;
  loadedTwice: boolean;
}

/**
 * Imports `path` twice (two module instances, as with two copies of the package) in a fresh Node process
 * and reports what it exported. Fails the test with the child's error output when the import throws.
 */
function loadInNode(path: string): LoadReport {
  readBuilt(path);
  const url = pathToFileURL(fromRoot(path)).href;
  const script = `
    const hadDom = typeof window !== 'undefined' || typeof document !== 'undefined' || typeof HTMLElement !== 'undefined';
    const first = await import(${JSON.stringify(url)});
    const second = await import(${JSON.stringify(`${url}?second-copy`)});
    console.log(JSON.stringify({
      hadDom,
      exports: Object.keys(first).sort(),
      tagName: first.tagName,
      elementIsClass: typeof first.CustomAuthLogin === 'function',
      loadedTwice: first !== second && second.tagName === first.tagName,
    }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: fromRoot(''),
    encoding: 'utf8',
  });
  // Stack traces through a minified bundle quote whole lines of it: keep the message readable.
  const errorLines = child.stderr.split('\n').map((line) => line.slice(0, 160));
  assert.equal(child.status, 0, `importing ${path} in Node failed:\n${errorLines.slice(-8).join('\n')}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as LoadReport;
}

describe('importing the package where there is no DOM', () => {
  for (const [build, path] of [
    ['the bundler build', (packageJson.exports['.'] as Record<string, string>).import!],
    ['the self-contained bundle', packageJson.unpkg],
  ] as const) {
    describe(`when a server imports ${build}`, () => {
      it('loads, twice, without throwing and exports the element class and its tag name', () => {
        const report = loadInNode(path.replace(/^\.\//, ''));
        assert.equal(report.hadDom, false, 'the check ran with DOM globals present');
        assert.equal(report.tagName, 'custom-auth-login');
        assert.equal(report.elementIsClass, true);
        assert.ok(report.exports.includes('CustomAuthLogin'), `exports: ${report.exports.join(', ')}`);
        assert.equal(report.loadedTwice, true);
      });
    });
  }
});
