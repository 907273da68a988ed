/**
 * Styles for elements rendered without a shadow root (`no-shadow`): the element's own styles scoped to
 * `<tag>[no-shadow]` by CSS nesting, so they reach the element's content and nothing else on the page, in one
 * constructed stylesheet adopted by each document or shadow root such elements live in. An adopted sheet needs
 * no `<style>` element, so a Content Security Policy without `'unsafe-inline'` styles lets it apply.
 */
import { unsafeCSS } from 'lit';
import styles, { keyframes } from './custom-auth-login.styles.js';

/** The copy, made when the first element needs it. */
let sheet: CSSStyleSheet | undefined;

/** Adds the light-DOM copy of the styles to the root `host` lives in, unless it holds it already. */
export function styleLightDom(host: HTMLElement): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  // The attribute twice outranks the page's rules for form elements (one attribute and one tag, as Pico's
  // `input:not([type=checkbox])`), which would otherwise reach the content: each element the element renders
  // first drops them (back to the browser's defaults, as in a shadow root), then takes ours. Lit builds the sheet.
  const scope = `${host.localName}[no-shadow][no-shadow]`;
  sheet ??= unsafeCSS(`${scope}{:where(*){all:revert}${styles.replaceAll(':host', '&')}}${keyframes}`).styleSheet!;
  // Adopted last, so it also wins ties with the page's stylesheets.
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
