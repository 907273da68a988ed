import { css } from 'lit';

/**
 * The element's default look. Pages restyle it through the custom properties below and the shadow parts
 * (`::part(form)`, `::part(submit-button)`, …).
 */
export default css`
  :host {
    --_accent: var(--custom-auth-login-accent, #1f5fbf);
    --_accent-text: var(--custom-auth-login-accent-text, #fff);
    --_error: var(--custom-auth-login-error-color, #b00020);
    --_radius: var(--custom-auth-login-radius, 0.375rem);
    --_gap: var(--custom-auth-login-gap, 0.75rem);

    display: block;
    max-width: 24rem;
    font: inherit;
    color: inherit;
  }

  [hidden] {
    display: none !important;
  }

  form,
  .signed-in {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  .signed-in:focus {
    outline: none;
  }

  label {
    font-weight: 600;
  }

  input {
    font: inherit;
    padding: 0.5rem 0.625rem;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
  }

  input[part~='code-input'] {
    letter-spacing: 0.2em;
  }

  button {
    font: inherit;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  button[type='submit'],
  button[part~='sign-out-button'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }

  button[part~='restart-button'] {
    background: transparent;
    color: var(--_accent);
  }

  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }

  p {
    margin: 0;
  }

  .hint {
    font-size: 0.875em;
  }

  [part~='error'] {
    color: var(--_error);
    margin-block-end: var(--_gap);
  }
`;
