// What `npm pack` publishes, and whether package.json's entry points match it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromRoot, packageJson, packedFiles, readBuilt } from './fixtures.ts';

/** Every file package.json names as an entry point, without the leading `./`. */
function entryPoints(): string[] {
  const targets = Object.entries(packageJson.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .flatMap(([, target]) => (typeof target === 'string' ? [target] : Object.values(target)));
  const fields = [
    packageJson.main,
    packageJson.module,
    packageJson.types,
    packageJson.unpkg,
    packageJson.jsdelivr,
    packageJson.customElements,
  ];
  return [...new Set([...fields, ...targets].map((path) => path.replace(/^\.\//, '')))];
}

/** The bare module specifiers a built module imports (`lit`, `aws-amplify/auth`, …) as package names. */
function importedPackages(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:^|;|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1]!,
  );
  return specifiers
    .filter((specifier) => !specifier.startsWith('.'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('the published package', () => {
  const files = packedFiles();

  it('contains the self-contained bundle, the bundler build with its types, the manifest and the documents', () => {
    for (const path of [
      'dist/custom-auth-login.js',
      'dist/lib/custom-auth-login.js',
      'dist/lib/custom-auth-login.d.ts',
      'dist/lib/frameworks/react.d.ts',
      'dist/lib/frameworks/vue.d.ts',
      'dist/custom-elements.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
    ]) {
      assert.ok(files.includes(path), `${path} is not in the package`);
    }
  });

  it('contains every chunk the self-contained bundle imports (languages, capabilities, Amplify), where it looks for it', () => {
    // The bundle's own imports, then the chunks' (Amplify's chunk loads its sign-up and passkey halves), each
    // resolved against the importing file, as the browser resolves them.
    const reached = ['dist/custom-auth-login.js'];
    for (const importer of reached) {
      for (const [, specifier] of readBuilt(importer).matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
        const path = new URL(specifier!, `file:///${importer}`).pathname.slice(1);
        if (!reached.includes(path)) reached.push(path);
      }
    }
    const imported = reached.slice(1);
    assert.deepEqual(
      imported.map((path) => /^dist\/(?:locales|chunks)\/(.+)-[\w-]{8}\.js$/.exec(path)?.[1]).sort(),
      [
        'amplify-auth-adapter',
        'amplify-passkeys',
        'amplify-sign-up',
        'configuration-texts',
        'de',
        'es',
        'fr',
        'link-sign-in',
        'sign-up',
        'user-auth',
      ],
      `the bundle imports ${imported.join(', ')}`,
    );
    for (const path of imported) assert.ok(files.includes(path), `${path} is not in the package`);
  });

  it('contains every file package.json points at', () => {
    for (const path of entryPoints())
      assert.ok(files.includes(path), `package.json names ${path}, which is not packed`);
  });

  it('contains no tests, demo, backend, TypeScript sources, scripts or benchmarks', () => {
    const unwanted = files.filter((path) => /^(test|demo|backend|src|scripts|bench|\.ci|node_modules)\//.test(path));
    assert.deepEqual(unwanted, []);
    assert.deepEqual(
      files.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts')),
      [],
    );
  });

  it('ships only source maps that embed every source they name', () => {
    const maps = files.filter((path) => path.endsWith('.map'));
    assert.ok(maps.length > 0, 'expected the builds to come with source maps');
    for (const path of maps) {
      const map = JSON.parse(readBuilt(path)) as { sources: string[]; sourcesContent?: Array<string | null> };
      const missing = map.sources.filter((_, index) => typeof map.sourcesContent?.[index] !== 'string');
      assert.deepEqual(missing, [], `${path} names sources it does not embed (and the package does not ship)`);
    }
  });

  it('has a packed source map for every sourceMappingURL comment', () => {
    for (const path of files.filter((file) => file.endsWith('.js'))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readBuilt(path))?.[1];
      if (!url) continue;
      const mapPath = new URL(url, `file:///${path}`).pathname.slice(1);
      assert.ok(files.includes(mapPath), `${path} points at ${mapPath}, which is not packed`);
    }
  });

  it('contains no stale modules: every module of the bundler build has a source', () => {
    const stale = files
      .filter((path) => path.startsWith('dist/lib/') && path.endsWith('.js'))
      .filter((path) => !existsSync(fromRoot(path.replace(/^dist\/lib\//, 'src/').replace(/\.js$/, '.ts'))));
    assert.deepEqual(stale, []);
  });
});

describe('package.json', () => {
  it('lists the types first in every conditional export, so TypeScript finds them', () => {
    for (const [subpath, target] of Object.entries(packageJson.exports)) {
      if (typeof target === 'string') continue;
      assert.equal(Object.keys(target)[0], 'types', `exports["${subpath}"] does not start with "types"`);
    }
  });

  it('points bundlers at the bundler build and CDNs at the self-contained bundle', () => {
    const root = packageJson.exports['.'] as Record<string, string>;
    assert.equal(root.import, './dist/lib/custom-auth-login.js');
    assert.equal(packageJson.unpkg, './dist/custom-auth-login.js');
    assert.equal(packageJson.jsdelivr, './dist/custom-auth-login.js');
    assert.ok('./custom-elements.json' in packageJson.exports);
    assert.ok('./package.json' in packageJson.exports);
  });

  it('marks as side effects exactly the modules that define the element', () => {
    const defining = packedFiles()
      .filter((path) => path.endsWith('.js') && /customElements\.define\(/.test(readBuilt(path)))
      .map((path) => `./${path}`);
    assert.deepEqual([...packageJson.sideEffects].sort(), defining.sort());
  });

  it('leaves lit and aws-amplify to the app in the bundler build, and bundles them into the script-tag build', () => {
    const lib = packedFiles().filter((path) => path.startsWith('dist/lib/') && path.endsWith('.js'));
    const imported = new Set(lib.flatMap((path) => importedPackages(readBuilt(path))));
    assert.ok(imported.has('lit') && imported.has('aws-amplify'), `imports: ${[...imported].join(', ')}`);
    assert.deepEqual(importedPackages(readBuilt('dist/custom-auth-login.js')), []);
  });

  it('imports only packages it declares, so strict installs (pnpm) resolve them', () => {
    const declared = new Set([
      ...Object.keys(packageJson.dependencies ?? {}),
      ...Object.keys(packageJson.peerDependencies ?? {}),
    ]);
    const lib = packedFiles().filter((path) => path.startsWith('dist/lib/') && path.endsWith('.js'));
    const undeclared = [...new Set(lib.flatMap((path) => importedPackages(readBuilt(path))))].filter(
      (name) => !declared.has(name),
    );
    assert.deepEqual(undeclared, []);
  });
});
