/**
 * End to end: a token storage the page chose itself (Amplify's `setKeyValueStorage`) is kept when the element
 * configures Amplify without `token-storage`. Amplify's own `configure` would put the tokens back into
 * localStorage.
 */
import { expect } from '@open-wc/testing';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { sessionStorage as amplifySessionStorage } from 'aws-amplify/utils';
import { endToEndSuite, renderForEndpoint, signIn, type MochaSuite } from './support/e2e-fixture.js';
import { ALL_TOKENS, tokensIn, tokensInCookies } from './support/token-storage.js';

describe('end to end: a token storage the page set itself', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);

  it('is where the tokens go, though the element configured Amplify after the page chose it', async () => {
    cognitoUserPoolsTokenProvider.setKeyValueStorage(amplifySessionStorage);
    const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
    await signIn(el, e2e.endpoint, { username: 'alice@example.com' });

    expect(tokensIn(sessionStorage)).to.deep.equal(ALL_TOKENS);
    expect(tokensIn(localStorage)).to.deep.equal([]);
    expect(tokensInCookies()).to.deep.equal([]);
  });
});
