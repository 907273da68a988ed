// The page the browser benchmark loads: the built bundle by a plain module script tag, one element pointed at
// the local endpoint, and small helpers that time the element from inside the page, so the figures do not
// include the cost of driving the browser.

/**
 * @param {{ endpoint: string, userPoolId: string, clientId: string, authFlow: string }} options
 * @returns {string} HTML
 */
export function benchPage({ endpoint, userPoolId, clientId, authFlow }) {
  const attribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>custom-auth-login benchmark</title></head>
<body>
<script>window.scriptStart = performance.now();</script>
<custom-auth-login user-pool-id="${attribute(userPoolId)}" user-pool-client-id="${attribute(clientId)}"
  user-pool-endpoint="${attribute(endpoint)}" auth-flow="${attribute(authFlow)}"></custom-auth-login>
<script type="module" src="/dist/custom-auth-login.js"></script>
<script type="module">
  const el = document.querySelector('custom-auth-login');
  const partOf = (name) => el.shadowRoot.querySelector('[part~="' + name + '"]');
  // Resolves once the element's step attribute reads \`step\`.
  const stepIs = (step) =>
    new Promise((resolve) => {
      if (el.getAttribute('step') === step) return resolve();
      const observer = new MutationObserver(() => {
        if (el.getAttribute('step') !== step) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(el, { attributes: true, attributeFilter: ['step'] });
    });
  window.bench = {
    // Milliseconds from the first script to the element's first completed render.
    firstRender: customElements
      .whenDefined('custom-auth-login')
      .then(() => el.updateComplete)
      .then(() => performance.now() - window.scriptStart),
    stepIs,
    // Fills the fields (part name → value), submits, and answers the milliseconds until \`step\` shows.
    async submit(fields, step) {
      for (const [part, value] of Object.entries(fields)) {
        const input = partOf(part);
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      }
      await el.updateComplete;
      const began = performance.now();
      const reached = stepIs(step);
      partOf('submit-button').click();
      await reached;
      return performance.now() - began;
    },
  };
</script>
</body>
</html>`;
}
