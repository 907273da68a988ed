// The package's types as an app sees them: an app folder outside the repository that has the package in its
// node_modules, compiled by TypeScript through package.json's `exports` (types first), against dist/lib.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fromRoot, packageJson, readBuilt } from './fixtures.ts';

const app = mkdtempSync(join(tmpdir(), 'custom-auth-login-app-'));

/** Compiles `source` as the app's only module; answers TypeScript's complaints, one per line. */
function typeErrorsOf(source: string): string[] {
  writeFileSync(join(app, 'app.ts'), source);
  const tsc = spawnSync(process.execPath, [fromRoot('node_modules/typescript/bin/tsc'), '-p', app], {
    encoding: 'utf8',
  });
  return tsc.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
}

describe('the types an app gets from the package', () => {
  readBuilt((packageJson.exports['.'] as Record<string, string>).types!);
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(fromRoot(''), join(app, 'node_modules', packageJson.name), 'dir');
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2022', 'DOM'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['app.ts'],
    }),
  );
  after(() => rmSync(app, { recursive: true, force: true }));

  it('resolve every typed entry point, with the element, its events and the framework typings', () => {
    const errors = typeErrorsOf(`
      import { CustomAuthLogin, tagName, type AuthSignedInDetail } from 'custom-auth-login';
      import type { CustomAuthLoginReactProps } from 'custom-auth-login/react';
      import type { CustomAuthLoginVueProps } from 'custom-auth-login/vue';
      import type { CustomAuthLogin as BundledElement } from 'custom-auth-login/bundle';

      const el: CustomAuthLogin = document.createElement(tagName as 'custom-auth-login');
      el.addEventListener('auth-signed-in', (event) => {
        const detail: AuthSignedInDetail = event.detail;
        console.log(detail.username);
      });
      const same: BundledElement = el;
      const react: CustomAuthLoginReactProps = { 'user-pool-id': 'eu-west-1_AbC123' };
      const vue: CustomAuthLoginVueProps = { userPoolId: 'eu-west-1_AbC123' };
      export { same, react, vue, CustomAuthLogin };
    `);
    assert.deepEqual(errors, []);
  });

  it('report a mistake, so the check above can fail', () => {
    const errors = typeErrorsOf(`
      import type { CustomAuthLoginReactProps } from 'custom-auth-login/react';
      export const react: CustomAuthLoginReactProps = { 'auth-flow': 'password' };
    `);
    assert.equal(errors.length, 1, errors.join('\n'));
  });
});
