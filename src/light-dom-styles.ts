/**
 * Styles for elements rendered without a shadow root (`no-shadow`): one `<style>` per document or shadow root
 * they live in, holding the element's own styles scoped to `<tag>[no-shadow]` by CSS nesting, so they reach
 * the element's content and nothing else on the page.
 */
import styles, { keyframes } from './custom-auth-login.styles.js';

/** Documents and shadow roots that already hold the copy. */
const styledRoots = new WeakSet<Node>();

/** Adds the light-DOM copy of the styles to the root `host` lives in, once per root. */
export function styleLightDom(host: HTMLElement): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  if (styledRoots.has(root)) return;
  styledRoots.add(root);
  const style = document.createElement('style');
  style.textContent = `${host.localName}[no-shadow]{${styles.replaceAll(':host', '&')}}${keyframes}`;
  // A document keeps it in its head; a shadow root has none and takes it directly.
  ((root as Document).head ?? root).append(style);
}
