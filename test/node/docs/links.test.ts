// The documentation's own links: every relative link in README.md, docs/*.md and the backend READMEs points at a
// file that exists, and a link with `#anchor` at a heading of that file (as GitHub names headings). Links to
// other sites are not followed: the tests run offline.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The Markdown files whose links are checked, relative to the repository root. */
const pages = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...['triggers', 'local-cognito', 'deploy'].map((folder) => `backend/${folder}/README.md`),
];

/** The text outside fenced code blocks and inline code, where a `[text](target)` is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of the Markdown links and images of a page. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading = ''] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe('the documentation links', () => {
  it('finds the pages, and links in them', () => {
    assert.ok(pages.includes('docs/api.md'), `docs/ holds: ${pages.join(', ')}`);
    assert.ok(linkTargets(readFileSync(join(repoRoot, 'README.md'), 'utf8')).length > 5, 'README.md links to nothing');
  });

  it('names heading anchors the way GitHub does', () => {
    const anchors = headingAnchors('# API\n## Server-side rendering (Next.js, …)\n## `no-shadow` mode\n## API\n');
    assert.deepEqual([...anchors], ['api', 'server-side-rendering-nextjs-', 'no-shadow-mode', 'api-1']);
  });

  for (const page of pages) {
    it(`${page}: every relative link points at a file that exists, and at a heading of it`, () => {
      const broken: string[] = [];
      const text = readFileSync(join(repoRoot, page), 'utf8');
      for (const target of linkTargets(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? join(repoRoot, page) : join(repoRoot, dirname(page), decodeURIComponent(path));
        if (!existsSync(file)) {
          broken.push(`${target} (no ${relative(repoRoot, file)})`);
        } else if (anchor !== undefined && statSync(file).isFile() && file.endsWith('.md')) {
          if (!headingAnchors(readFileSync(file, 'utf8')).has(anchor)) {
            broken.push(`${target} (no heading "#${anchor}" in ${relative(repoRoot, file)})`);
          }
        }
      }
      assert.deepEqual(broken, [], `${page} has broken links: ${broken.join('; ')}`);
    });
  }
});
