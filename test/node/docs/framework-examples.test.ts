// docs/frameworks.md shows the Angular and Svelte components the browser specs run, character for character, so
// the page cannot drift from what is tested.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The code blocks of a Markdown page in `language`, each without its fences. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
    (match) => match[1]!,
  );
}

describe('docs/frameworks.md', () => {
  const page = read('docs/frameworks.md');

  for (const [framework, language, file] of [
    ['Angular', 'ts', 'test/browser/frameworks/support/login.component.ts'],
    ['Svelte', 'svelte', 'test/browser/frameworks/support/Login.svelte'],
  ] as const) {
    it(`shows the ${framework} component its spec renders`, () => {
      assert.ok(codeBlocks(page, language).includes(read(file)), `${file} is not shown as it is`);
    });
  }
});
