/**
 * End to end, `token-storage="cookie"`: Amplify keeps the tokens in cookies (Secure, SameSite=Strict), none in
 * localStorage or sessionStorage, and signing out removes them.
 */
import { expect } from '@open-wc/testing';
import { endToEndSuite, renderForEndpoint, signIn, type MochaSuite } from './support/e2e-fixture.js';
import { ALL_TOKENS, tokensIn, tokensInCookies } from './support/token-storage.js';

describe('end to end: token-storage="cookie"', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);

  it('keeps the tokens in cookies only, and removes them on sign-out', async () => {
    const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, attributes: { 'token-storage': 'cookie' } });
    await signIn(el, e2e.endpoint, { username: 'alice@example.com' });

    expect(tokensInCookies()).to.deep.equal(ALL_TOKENS);
    expect(tokensIn(localStorage)).to.deep.equal([]);
    expect(tokensIn(sessionStorage)).to.deep.equal([]);
    expect(await el.fetchTokens()).to.not.equal(null);

    await el.signOut();
    expect(tokensInCookies()).to.deep.equal([]);
  });
});
