// custom-elements.json, generated from the element's JSDoc during the build: it must describe everything the
// JSDoc and the static properties declare. What to expect is read from the sources, so documenting one more part,
// slot or custom property needs no change here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromRoot, packageJson, readBuilt } from './fixtures.ts';

interface Named {
  name: string;
  description?: string;
}

interface ElementDeclaration extends Named {
  customElement?: boolean;
  tagName?: string;
  attributes?: Array<Named & { fieldName?: string }>;
  events?: Named[];
  cssParts?: Named[];
  slots?: Named[];
  cssProperties?: Named[];
}

interface Manifest {
  modules: Array<{ path: string; declarations?: ElementDeclaration[] }>;
}

const manifest = JSON.parse(readBuilt(packageJson.customElements)) as Manifest;

const elementModule = manifest.modules.find((module) =>
  module.declarations?.some((declaration) => declaration.tagName === 'custom-auth-login'),
);
const element = elementModule?.declarations?.find((declaration) => declaration.tagName === 'custom-auth-login');

/** The TypeScript source the manifest's module was built from. */
const sourcePath = elementModule?.path.replace(/^dist\/lib\//, 'src/').replace(/\.js$/, '.ts') ?? '';
const source = existsSync(fromRoot(sourcePath)) ? readFileSync(fromRoot(sourcePath), 'utf8') : '';

/** The names a JSDoc tag (`@fires`, `@csspart`, …) documents in the element's source; `-` is the default slot. */
function documented(tag: string): string[] {
  const pattern = new RegExp(`^\\s*\\*\\s*@${tag}\\s+(\\S+)`, 'gm');
  return [...source.matchAll(pattern)].map((match) => (match[1] === '-' ? '' : match[1]!)).sort();
}

/**
 * The attributes the element's `static properties` create: `attribute: 'name'`, or the lower-cased property
 * name; none for `attribute: false`.
 */
function declaredAttributes(): string[] {
  const block = /static (?:override )?properties = \{([\s\S]*?)\n {2}\};/.exec(source)?.[1] ?? '';
  const declarations = block.matchAll(/^\s*(\w+): \{([^}]*)\}/gm);
  return [...declarations]
    .flatMap(([, property = '', options = '']) => {
      if (/attribute:\s*false/.test(options)) return [];
      const named = /attribute:\s*['"]([^'"]+)['"]/.exec(options)?.[1];
      return [named ?? property.toLowerCase()];
    })
    .sort();
}

const names = (entries: Named[] | undefined) => (entries ?? []).map((entry) => entry.name).sort();

describe('custom-elements.json', () => {
  it('is where package.json says, and declares <custom-auth-login> by its tag name', () => {
    assert.equal(packageJson.customElements, './dist/custom-elements.json');
    assert.ok(element, 'no declaration with tagName "custom-auth-login"');
    assert.equal(element.customElement, true);
    assert.ok(existsSync(fromRoot(elementModule!.path)), `${elementModule!.path} is not built`);
    assert.ok(source, `the element's source ${sourcePath} was not found`);
  });

  it('lists every attribute the static properties create, each with its property and a description', () => {
    const expected = declaredAttributes();
    assert.ok(expected.includes('user-pool-id') && expected.includes('auth-flow'), `parsed: ${expected.join(', ')}`);
    assert.deepEqual(names(element?.attributes), expected);
    for (const attribute of element?.attributes ?? []) {
      assert.ok(attribute.fieldName, `attribute ${attribute.name} names no property`);
      assert.ok(attribute.description, `attribute ${attribute.name} has no description`);
    }
  });

  it('lists every event, the four the element promises among them, each with a description', () => {
    const expected = documented('fires');
    for (const event of ['auth-step-change', 'auth-signed-in', 'auth-signed-out', 'auth-error']) {
      assert.ok(expected.includes(event), `the JSDoc does not document ${event}`);
    }
    assert.deepEqual(names(element?.events), expected);
    for (const event of element?.events ?? []) assert.ok(event.description, `event ${event.name} has no description`);
  });

  it('documents exactly the events of the typed event map', () => {
    const eventMap = /interface AuthEventDetails \{([^}]*)\}/.exec(readFileSync(fromRoot('src/events.ts'), 'utf8'));
    const typed = [...(eventMap?.[1] ?? '').matchAll(/'([\w-]+)'\s*:/g)].map((match) => match[1]!).sort();
    assert.deepEqual(names(element?.events), typed);
  });

  it('lists every shadow part, the ones tests and tools select by among them', () => {
    const expected = documented('csspart');
    for (const part of ['username-input', 'code-input', 'submit-button', 'error']) {
      assert.ok(expected.includes(part), `the JSDoc does not document the ${part} part`);
    }
    assert.deepEqual(names(element?.cssParts), expected);
  });

  it('lists every slot', () => {
    const expected = documented('slot');
    assert.ok(expected.length > 0, 'the JSDoc documents no slot');
    assert.deepEqual(names(element?.slots), expected);
  });

  it('lists every custom property the JSDoc documents', () => {
    const expected = [...documented('cssprop'), ...documented('cssproperty')].sort();
    assert.ok(expected.length > 0, 'the JSDoc documents no custom property');
    assert.ok(
      expected.every((name) => name.startsWith('--')),
      `not custom properties: ${expected.join(', ')}`,
    );
    assert.deepEqual(names(element?.cssProperties), expected);
  });
});

describe('the framework typings', () => {
  it('type every attribute the manifest lists', () => {
    const typings = readFileSync(fromRoot('src/frameworks/element-props.ts'), 'utf8');
    const block = /interface CustomAuthLoginAttributes \{([\s\S]*?)\n\}/.exec(typings)?.[1] ?? '';
    const typed = [...block.matchAll(/^\s*'?([\w-]+)'?\?:/gm)].map((match) => match[1]!).sort();
    assert.deepEqual(typed, names(element?.attributes));
  });
});
