/**
 * End to end, a storm of sign-ups for one address against the pool with the limits as deployed: a separate
 * file, since Amplify holds one pool configuration per page.
 */
import { expect } from '@open-wc/testing';
import {
  errorAfter,
  errorText,
  newAddress,
  openSignUp,
  sentCodes,
  signUpSuite,
  stepAfter,
  submitSignUp,
  type MochaSuite,
} from './support/e2e-fixture.js';

describe('end to end: a storm of sign-ups for one address', function (this: MochaSuite) {
  // The limited pool runs the limits as deployed: 30 seconds between two codes to one user.
  const { e2e, render } = signUpSuite(this, 'limitedEndpoint');

  it('sends one code, then the limits refuse the next sign-up with a readable wait', async () => {
    const email = newAddress();
    const first = await render();
    await openSignUp(first.el);
    expect(await stepAfter(first.el, () => submitSignUp(first.el, email))).to.equal('challenge');
    first.el.remove();

    const second = await render();
    await openSignUp(second.el);
    const error = await errorAfter(second.el, () => submitSignUp(second.el, email));
    expect(error.name).to.equal('TooManyAttempts');
    expect(errorText(second.el)).to.equal('Too many attempts. Wait a moment, then try again.');
    expect((await sentCodes(e2e.endpoint)).filter((sent) => sent.to === email)).to.have.length(1);
  });
});
