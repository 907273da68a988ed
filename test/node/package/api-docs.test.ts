// docs/api.md against dist/custom-elements.json: the API page lists exactly the attributes, properties, methods,
// events, parts, slots and CSS custom properties the manifest (generated from the element's JSDoc) declares, so
// the page cannot fall behind the element. Each section's table has the name in backticks in its first column.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromRoot, packageJson, readBuilt } from './fixtures.ts';

interface Member {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
}

interface ElementDeclaration {
  tagName?: string;
  attributes?: Array<{ name: string; fieldName?: string }>;
  members?: Member[];
  events?: Array<{ name: string }>;
  cssParts?: Array<{ name: string }>;
  slots?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}

const manifest = JSON.parse(readBuilt(packageJson.customElements)) as {
  modules: Array<{ declarations?: ElementDeclaration[] }>;
};
const element = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === 'custom-auth-login');

const apiPage = 'docs/api.md';
const apiText = readFileSync(fromRoot(apiPage), 'utf8');

/**
 * The rows of the first table under the `## heading` of the API page, as arrays of cells (the header row and
 * its ruler left out). Missing heading or table: no rows.
 */
function tableRows(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start === -1) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2} /.test(line)) break;
    if (line.startsWith('|')) rows.push(line);
    else if (rows.length > 0) break;
  }
  // `\|` is a pipe inside a cell, not a cell boundary.
  const cells = (row: string) =>
    row
      .replace(/\\\|/g, '\u0000')
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replaceAll('\u0000', '|'));
  return rows.slice(2).map(cells);
}

/** The name a cell gives in backticks: `` `signOut({ global }?)` `` → `signOut`. */
function nameIn(cell: string | undefined): string {
  const code = /`([^`]+)`/.exec(cell ?? '')?.[1] ?? '';
  return code.replace(/\(.*$/, '');
}

/** The names the first column of a section's table documents. */
function documentedNames(heading: string): string[] {
  return tableRows(apiText, heading).map((cells) => nameIn(cells[0]));
}

/** Public, non-static members of a kind, as the manifest records them (`#private` and `private` ones left out). */
function publicMembers(kind: 'field' | 'method'): string[] {
  return (element?.members ?? [])
    .filter((member) => member.kind === kind && !member.static && !member.name.startsWith('#'))
    .filter((member) => member.privacy === undefined || member.privacy === 'public')
    .map((member) => member.name);
}

/**
 * Fails, naming every difference and its side, when the page's names and the manifest's are not the same set.
 */
function assertSameNames(what: string, documented: string[], declared: string[]): void {
  const missing = declared.filter((name) => !documented.includes(name)).sort();
  const extra = documented.filter((name) => !declared.includes(name)).sort();
  const repeated = documented.filter((name, index) => documented.indexOf(name) !== index);
  const problems = [
    missing.length ? `missing from ${apiPage} (in the manifest): ${missing.join(', ')}` : '',
    extra.length ? `in ${apiPage} but not in dist/custom-elements.json: ${extra.join(', ')}` : '',
    repeated.length ? `listed twice in ${apiPage}: ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  assert.equal(problems.join('; '), '', `${what}: ${problems.join('; ')}`);
}

describe('docs/api.md', () => {
  it('reads the element from the manifest and finds a table under each heading', () => {
    assert.ok(element, 'dist/custom-elements.json declares no custom-auth-login');
    for (const heading of [
      'Attributes',
      'Properties',
      'Methods',
      'Events',
      'Parts',
      'Slots',
      'CSS custom properties',
    ]) {
      assert.ok(documentedNames(heading).length > 0, `${apiPage} has no table under "## ${heading}"`);
    }
  });

  it('lists exactly the attributes of the manifest, each with its property', () => {
    const attributes = element?.attributes ?? [];
    assertSameNames(
      'Attributes',
      documentedNames('Attributes'),
      attributes.map((attribute) => attribute.name),
    );
    for (const [attributeCell, propertyCell] of tableRows(apiText, 'Attributes')) {
      const declared = attributes.find((attribute) => attribute.name === nameIn(attributeCell));
      if (!declared) continue;
      assert.equal(
        nameIn(propertyCell),
        declared.fieldName,
        `${apiPage} gives the attribute ${declared.name} the property "${nameIn(propertyCell)}"; the manifest says "${declared.fieldName}"`,
      );
    }
  });

  it('lists exactly the public properties that have no attribute', () => {
    const withAttribute = new Set((element?.attributes ?? []).map((attribute) => attribute.fieldName));
    assertSameNames(
      'Properties',
      documentedNames('Properties'),
      publicMembers('field').filter((name) => !withAttribute.has(name)),
    );
  });

  it('lists exactly the public methods', () => {
    assertSameNames('Methods', documentedNames('Methods'), publicMembers('method'));
  });

  it('lists exactly the events', () => {
    assertSameNames(
      'Events',
      documentedNames('Events'),
      (element?.events ?? []).map((event) => event.name),
    );
  });

  it('lists exactly the shadow parts', () => {
    assertSameNames(
      'Parts',
      documentedNames('Parts'),
      (element?.cssParts ?? []).map((part) => part.name),
    );
  });

  it('lists exactly the slots', () => {
    assertSameNames(
      'Slots',
      documentedNames('Slots'),
      (element?.slots ?? []).map((slot) => slot.name),
    );
  });

  it('lists exactly the CSS custom properties', () => {
    assertSameNames(
      'CSS custom properties',
      documentedNames('CSS custom properties'),
      (element?.cssProperties ?? []).map((property) => property.name),
    );
  });
});
