/**
 * End to end, sign-up on a pool that takes none (the short-session pool is started without self sign-up): a
 * separate file, since Amplify holds one pool configuration per page.
 */
import { expect } from '@open-wc/testing';
import {
  errorAfter,
  errorText,
  newAddress,
  openSignUp,
  operations,
  part,
  signUpSuite,
  stepAfter,
  submitSignUp,
  type MochaSuite,
} from './support/e2e-fixture.js';

describe('end to end: signing up where the pool takes no sign-ups', function (this: MochaSuite) {
  // The short-session pool is started without self sign-up.
  const { e2e, render } = signUpSuite(this, 'shortSessionEndpoint');

  it('says so on the sign-up form, which stays for another try, and leaves signing in open', async () => {
    const { el } = await render();
    await openSignUp(el);

    const error = await errorAfter(el, () => submitSignUp(el, newAddress()));
    expect(error).to.deep.include({ step: 'sign-up', name: 'NotAuthorizedException' });
    expect(errorText(el)).to.equal('New accounts cannot be created here. Sign in with an existing account.');
    expect(el.getAttribute('step')).to.equal('sign-up');
    expect(await operations(e2e.endpoint)).to.deep.equal(['SignUp']);
    expect(await stepAfter(el, () => part(el, 'to-sign-in-button')!.click())).to.equal('username');
  });
});
