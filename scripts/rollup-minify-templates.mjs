// A rollup plugin that removes the insignificant whitespace from the element's own `html` and `css` tagged
// template literals. Terser cannot do this: to it a template's text is an opaque string, and in our sources
// that text is mostly indentation.
//
// Only what cannot change the result is removed:
// - html: a run of whitespace becomes one space, and disappears between two tags (`>` … `<`), inside a tag
//   before its `>`, and at the template's start and end next to a tag. Quoted attribute values and templates
//   with whitespace-preserving elements (`<pre>`, `<textarea>`) are left exactly as written. Whitespace next
//   to a binding stays one space, because the binding may be inline text.
// - css: comments are dropped, a run of whitespace becomes one space and disappears next to `{`, `}`, `;`, `,`
//   and at the edges; strings are kept as written. A space before `:` stays (`a :hover` and `a:hover` are
//   different selectors), one after it goes (no selector has one, and a declaration's value does not start
//   with it); spaces around `/` and before `!` go too (`1rem / 1.4` is `1rem/1.4`, in calc() as well).
//   Those around `+`, `-`, `*` and `>` stay (`calc()`, selectors and media ranges need some).
import MagicString from 'magic-string';
import { resolve, sep } from 'node:path';

const isSpace = (char) => char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';

/**
 * What borders a run of whitespace that ends at `end` in part `index`: the last character kept before it and
 * the character after it, or `start`, `end` (of the template) or `binding` (an expression) at a part's edge.
 * @param {readonly string[]} parts
 * @param {number} index
 * @param {string} out what the part has become so far
 * @param {number} end
 */
function bordersOf(parts, index, out, end) {
  const part = parts[index];
  return {
    before: out.length > 0 ? out[out.length - 1] : index === 0 ? 'start' : 'binding',
    after: end < part.length ? part[end] : index === parts.length - 1 ? 'end' : 'binding',
  };
}

/** Templates whose text content is shown as written. */
const preservesWhitespace = /<(pre|textarea)[\s>]/i;

/**
 * Minifies the text parts of an `html` template. `parts` are the raw strings between the bindings; the
 * result has as many parts, so the bindings go back where they were.
 * @param {readonly string[]} parts
 * @returns {string[]}
 */
export function minifyHtmlParts(parts) {
  if (parts.some((part) => preservesWhitespace.test(part))) return [...parts];
  /** @type {'text' | 'tag' | '"' | "'"} */
  let state = 'text';
  return parts.map((part, index) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const char = part[i];
      if (state === '"' || state === "'") {
        if (char === state) state = 'tag';
        out += char;
        i++;
        continue;
      }
      if (char === '\\') {
        out += part.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (isSpace(char)) {
        let end = i;
        while (end < part.length && isSpace(part[end])) end++;
        const { before, after } = bordersOf(parts, index, out, end);
        out += keepHtmlSpace(state, before, after) ? ' ' : '';
        i = end;
        continue;
      }
      // `<` opens a tag only before a name, `/` or `!`: in text, `a < b` is just text.
      if (state === 'text' && char === '<' && /[a-zA-Z/!]/.test(part[i + 1] ?? '')) state = 'tag';
      else if (state === 'tag' && char === '>') state = 'text';
      else if (state === 'tag' && (char === '"' || char === "'")) state = char;
      out += char;
      i++;
    }
    return out;
  });
}

/** Whether a run of whitespace between `before` and `after` must stay (as one space). */
function keepHtmlSpace(state, before, after) {
  if (state === 'tag') return after !== '>';
  const tagBefore = before === '>' || before === 'start';
  const tagAfter = after === '<' || after === 'end';
  return !(tagBefore && tagAfter);
}

/** CSS punctuation a space next to is never needed for. */
const cssTight = new Set(['{', '}', ';', ',', 'start', 'end']);

/**
 * Spaces that are not needed between two pieces of a template's own text (next to a binding one space stays,
 * as everywhere): after a colon, around a slash, before `!important`.
 */
const cssTightInside = (before, after) =>
  after !== 'binding' && (before === ':' || before === '/' || after === '/' || after === '!');

/** Where the run of whitespace and comments starting at `i` ends (a comment left open ends the part). */
function endOfCssBlank(part, i) {
  let end = i;
  for (;;) {
    while (end < part.length && isSpace(part[end])) end++;
    if (!part.startsWith('/*', end)) return end;
    const close = part.indexOf('*/', end + 2);
    end = close < 0 ? part.length : close + 2;
  }
}

/**
 * Minifies the text parts of a `css` template (see {@link minifyHtmlParts} for the shape).
 * @param {readonly string[]} parts
 * @returns {string[]}
 */
export function minifyCssParts(parts) {
  /** @type {'code' | '"' | "'"} */
  let state = 'code';
  return parts.map((part, index) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const char = part[i];
      if (state !== 'code') {
        const escaped = char === '\\';
        if (char === state) state = 'code';
        out += part.slice(i, escaped ? i + 2 : i + 1);
        i += escaped ? 2 : 1;
        continue;
      }
      if (isSpace(char) || part.startsWith('/*', i)) {
        const end = endOfCssBlank(part, i);
        const { before, after } = bordersOf(parts, index, out, end);
        if (!cssTight.has(before) && !cssTight.has(after) && !cssTightInside(before, after)) out += ' ';
        i = end;
        continue;
      }
      if (char === '"' || char === "'") state = char;
      // `;}` → `}`: the last declaration of a block needs no semicolon.
      if (char === '}' && out.endsWith(';')) out = out.slice(0, -1);
      out += char;
      i++;
    }
    return out;
  });
}

const minifiers = { html: minifyHtmlParts, css: minifyCssParts };

/**
 * Rewrites the `html`…`` and `css`…`` templates of one module; returns null when nothing changed.
 * @param {string} code JavaScript (after TypeScript has been compiled away)
 * @param {(code: string) => import('estree').Program} parse
 */
export function minifyTemplatesInModule(code, parse) {
  const ast = parse(code);
  const source = new MagicString(code);
  let changed = false;
  visit(ast, (node) => {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
    const minify = minifiers[node.tag.name];
    if (!minify) return;
    const { quasis } = node.quasi;
    const minified = minify(quasis.map((quasi) => quasi.value.raw));
    quasis.forEach((quasi, index) => {
      if (minified[index] === quasi.value.raw) return;
      // A quasi's node spans its raw text exactly (without the backtick, `${` or `}` around it).
      if (quasi.end > quasi.start) source.update(quasi.start, quasi.end, minified[index]);
      else source.appendLeft(quasi.start, minified[index]);
      changed = true;
    });
  });
  return changed ? { code: source.toString(), map: source.generateMap({ hires: true }) } : null;
}

/** Calls `enter` on every node of an ESTree tree. */
function visit(node, enter) {
  enter(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') visit(child, enter);
    } else if (value && typeof value.type === 'string') {
      visit(value, enter);
    }
  }
}

/**
 * The plugin. Place it after the TypeScript plugin so it sees JavaScript.
 * @param {{ include?: string }} [options] the folder whose modules are minified (default `src`); never node_modules
 * @returns {import('rollup').Plugin}
 */
export default function minifyTemplates({ include = 'src' } = {}) {
  const folder = resolve(include) + sep;
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.startsWith(folder) || id.includes(`${sep}node_modules${sep}`)) return null;
      return minifyTemplatesInModule(code, (text) => this.parse(text));
    },
  };
}
