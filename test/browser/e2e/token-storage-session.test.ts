/**
 * End to end, `token-storage="session"`: Amplify keeps the tokens in sessionStorage, none in localStorage or
 * cookies, and a new element on the page finds the session there. (Amplify is one global per page, so each
 * storage mode has its own test file.)
 */
import { expect } from '@open-wc/testing';
import { endToEndSuite, part, renderForEndpoint, signIn, type MochaSuite } from './support/e2e-fixture.js';
import { ALL_TOKENS, tokensIn, tokensInCookies } from './support/token-storage.js';

describe('end to end: token-storage="session"', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);

  it('keeps the tokens in sessionStorage only, where a new element finds them', async () => {
    const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, attributes: { 'token-storage': 'session' } });
    await signIn(el, e2e.endpoint, { username: 'alice@example.com' });

    expect(tokensIn(sessionStorage)).to.deep.equal(ALL_TOKENS);
    expect(tokensIn(localStorage)).to.deep.equal([]);
    expect(tokensInCookies()).to.deep.equal([]);

    el.remove();
    const { el: again, log } = await renderForEndpoint({
      endpoint: e2e.endpoint,
      attributes: { 'token-storage': 'session' },
    });
    expect(log.sequence()).to.deep.equal(['step:signed-in', 'auth-signed-in']);
    expect(part(again, 'signed-in')!.textContent).to.contain('Signed in as alice@example.com.');

    await again.signOut();
    expect(tokensIn(sessionStorage)).to.deep.equal([]);
  });
});
