// The template minifier of the self-contained build (scripts/rollup-minify-templates.mjs): what it removes,
// and above all what it must leave alone.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import minifyTemplates, {
  minifyCssParts,
  minifyHtmlParts,
  minifyTemplatesInModule,
} from '../../../scripts/rollup-minify-templates.mjs';

const parse = (code: string) => parseAst(code);

describe('html templates', () => {
  it('drops the indentation between tags and at the edges of the template', () => {
    assert.deepEqual(minifyHtmlParts(['\n  <div>\n    <p>Hi</p>\n  </div>\n']), ['<div><p>Hi</p></div>']);
  });

  it('collapses whitespace inside a tag and drops it before the closing >', () => {
    assert.deepEqual(minifyHtmlParts(['<input\n  id="code"\n  required\n/>']), ['<input id="code" required />']);
    assert.deepEqual(minifyHtmlParts(['<p\n  class="a"\n>x</p>']), ['<p class="a">x</p>']);
  });

  it('keeps one space between text and a binding, which may be inline text', () => {
    assert.deepEqual(minifyHtmlParts(['<p>Signed in as\n    ', '\n  </p>']), ['<p>Signed in as ', ' </p>']);
    assert.deepEqual(minifyHtmlParts(['<p>', '   ', '</p>']), ['<p>', ' ', '</p>']);
  });

  it('keeps one space between words of text', () => {
    assert.deepEqual(minifyHtmlParts(['<p>Enter   the\n  code</p>']), ['<p>Enter the code</p>']);
  });

  it('leaves quoted attribute values exactly as written, bindings inside them included', () => {
    const parts = ['<p title="two  spaces\n here" class=\'a  ', "  b'>x</p>"];
    assert.deepEqual(minifyHtmlParts(parts), parts);
  });

  it('leaves a template with whitespace-preserving elements untouched', () => {
    for (const parts of [['<pre>\n  a  b\n</pre>'], ['<textarea>  ', '  </textarea>']]) {
      assert.deepEqual(minifyHtmlParts(parts), parts);
    }
  });

  it('treats a < that opens no tag as text', () => {
    assert.deepEqual(minifyHtmlParts(['<p>1 < 2   and   3 > 2</p>']), ['<p>1 < 2 and 3 > 2</p>']);
  });

  it('returns as many parts as it was given, so every binding keeps its place', () => {
    const parts = ['\n<a href=', '>\n  ', '\n</a>\n'];
    assert.equal(minifyHtmlParts(parts).length, parts.length);
  });
});

describe('css templates', () => {
  it('drops comments and the whitespace around braces, semicolons and commas', () => {
    const source = '\n  /* theme */\n  :host {\n    display: block;\n  }\n  a,\n  b {\n    color: red;\n  }\n';
    assert.deepEqual(minifyCssParts([source]), [':host{display:block}a,b{color:red}']);
  });

  it('keeps the space that makes a descendant selector', () => {
    assert.deepEqual(minifyCssParts(['a :hover {}']), ['a :hover{}']);
  });

  it('keeps the spaces calc() needs', () => {
    assert.deepEqual(minifyCssParts(['a { width: calc(100% - 2 * var(--gap)); }']), [
      'a{width:calc(100% - 2 * var(--gap))}',
    ]);
  });

  it('leaves strings as written, comment-like text and semicolons inside them included', () => {
    const parts = ["a::before { content: '  /* ; */  '; }"];
    assert.deepEqual(minifyCssParts(parts), ["a::before{content:'  /* ; */  '}"]);
  });

  it('drops the space after a colon, around a slash and before !important', () => {
    const source = '@media (min-width: 30em) { a { font: 1rem / 1.4 serif !important; content: "x" / ""; } }';
    assert.deepEqual(minifyCssParts([source]), [
      '@media (min-width:30em){a{font:1rem/1.4 serif!important;content:"x"/""}}',
    ]);
  });

  it('keeps the space before a colon of a selector and around * in a selector', () => {
    assert.deepEqual(minifyCssParts(['a :is(b, c) * d { }']), ['a :is(b,c) * d{}']);
  });

  it('treats a comment between two words as a space', () => {
    assert.deepEqual(minifyCssParts(['a{margin:0/* x */auto}']), ['a{margin:0 auto}']);
  });

  it('keeps one space next to a binding', () => {
    assert.deepEqual(minifyCssParts([':host { color: ', ' ; }']), [':host{color: ', '}']);
  });
});

describe('modules', () => {
  it('rewrites only html`` and css`` templates, with a source map', () => {
    const code =
      'const a = html`\n  <p>  x  </p>\n`;\nconst b = String.raw`\n  <p>  x  </p>\n`;\nconst c = `\n  <p>\n`;';
    const result = minifyTemplatesInModule(code, parse);
    assert.ok(result);
    assert.equal(
      result.code,
      'const a = html`<p> x </p>`;\nconst b = String.raw`\n  <p>  x  </p>\n`;\nconst c = `\n  <p>\n`;',
    );
    assert.equal(result.map.mappings.length > 0, true);
  });

  it('keeps the expressions of a template as they are', () => {
    const code = 'html`\n  <p class=${`a  b`}>  ${ name }  </p>\n`';
    assert.equal(minifyTemplatesInModule(code, parse)?.code, 'html`<p class=${`a  b`}> ${ name } </p>`');
  });

  it('answers null when there is nothing to change', () => {
    assert.equal(minifyTemplatesInModule('const a = html`<p>x</p>`;', parse), null);
  });
});

describe('the plugin', () => {
  const plugin = minifyTemplates();
  const transform = (code: string, id: string) =>
    (plugin.transform as (this: unknown, code: string, id: string) => unknown).call({ parse }, code, id);
  const code = 'html`\n  <p>x</p>\n`';

  it("minifies the project's own sources", () => {
    assert.deepEqual((transform(code, resolve('src/some-element.ts')) as { code: string }).code, 'html`<p>x</p>`');
  });

  it('never touches dependencies or files outside src', () => {
    assert.equal(transform(code, resolve('node_modules/lit-html/lit-html.js')), null);
    assert.equal(transform(code, resolve('src/node_modules/x/index.js')), null);
    assert.equal(transform(code, resolve('demo/page.js')), null);
  });
});
