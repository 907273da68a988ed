/**
 * The element's default look as CSS text, written once for both render modes: selectors use the `cal-` class
 * each element carries next to its part, and `:host`, which the light-DOM copy turns into the element's tag.
 * Pages restyle it through the `--cal-*` custom properties and the shadow parts.
 */

/**
 * Tags the CSS below so editors, Prettier and the build's template minifier treat it as CSS, and returns it
 * as written. Lit's own `css` tag would add checks for interpolated values, which these constants never have,
 * at some 140 B gzip on every page; the element wraps the text for Lit once, with `unsafeCSS`.
 */
const css = String.raw;

export default css`
  /* Light unless the page asks otherwise: light-dark() follows the color-scheme the element inherits, so it turns
     dark under a page or ancestor that sets color-scheme: dark, or light dark on a dark system; a page that says
     nothing stays light even on a dark system, where the OS's choice alone would put a dark card on a light site. */
  :host {
    --_text: var(--cal-text-color, light-dark(#1f2328, #e6edf3));
    --_bg: var(--cal-background, light-dark(#fff, #161b22));
    --_accent: var(--cal-accent, light-dark(#1f5fbf, #6ca4ff));
    --_on-accent: var(--cal-accent-text, light-dark(#fff, #0d1117));
    --_error: var(--cal-error-color, light-dark(#b00020, #ff8f8f));
    --_border: var(--cal-border-color, light-dark(#6e7781, #8b949e));
    --_radius: var(--cal-radius, 0.375rem);
    --_gap: var(--cal-spacing, 0.75rem);

    display: block;
    box-sizing: border-box;
    max-width: 24rem;
    /* The page's rules for its own elements reach the host and beat these unless important: a reset like
       Tailwind's * { padding: 0; border: 0 solid } would erase the frame. The custom properties adjust it. */
    padding: calc(var(--_gap) * 1.5) !important;
    border: 1px solid var(--_border) !important;
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_bg);
    font: var(--cal-font-size, 1rem) / 1.4 var(--cal-font-family, system-ui, sans-serif);
    /* A long email address wraps rather than push the page sideways on a small screen. */
    overflow-wrap: anywhere;
  }

  [hidden] {
    display: none !important;
  }

  .cal-form,
  .cal-signed-in-view {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  /* Focused after a sign-in: room and rounded corners for the focus ring, the padding taken back out of the
     margin so nothing moves. */
  .cal-signed-in-view {
    margin: calc(var(--_gap) / -2);
    padding: calc(var(--_gap) / 2);
    border-radius: var(--_radius);
  }

  label,
  .cal-error {
    font-weight: 600;
  }

  input,
  button {
    font: inherit;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    transition:
      background-color 0.2s,
      border-color 0.2s;
  }

  input {
    /* Important against pages that pad invalid fields for an icon of their own (Pico CSS), with no-shadow. */
    padding: 0.5em 0.625em !important;
    color: inherit;
    background: var(--_bg);
  }

  [aria-invalid='true'] {
    border-color: var(--_error);
  }

  button {
    padding: 0.5em 1em;
    border-color: var(--_accent);
    color: var(--_on-accent);
    background: var(--_accent);
    cursor: pointer;
  }

  button[type='button'] {
    color: var(--_accent);
    background: none;
  }

  :disabled {
    opacity: 0.6;
    cursor: default;
  }

  :focus-visible {
    outline: var(--cal-focus-ring, 2px solid var(--_accent));
    outline-offset: 2px;
  }

  p {
    margin: 0;
  }

  .cal-hint,
  .cal-status {
    font-size: 0.875em;
  }

  .cal-error {
    margin-block-end: var(--_gap);
    color: var(--_error);
  }

  /* Not by colour alone: every error starts with a warning sign (silent for screen readers, the words suffice). */
  .cal-error::before {
    content: '⚠ ' / '';
  }

  [aria-busy='true'] [type='submit']::after {
    content: '';
    display: inline-block;
    width: 0.75em;
    height: 0.75em;
    margin-inline-start: 0.5em;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    vertical-align: -0.1em;
    animation: cal-spin 0.8s linear infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    ::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/** Kept apart because keyframes cannot be nested inside the light-DOM copy's scoping rule. */
export const keyframes = css`
  @keyframes cal-spin {
    to {
      transform: rotate(1turn);
    }
  }
`;
