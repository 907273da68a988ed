/**
 * End to end, passwordless sign-up (`sign-up` with `auth-flow="user-auth"`) on the main pool, whose Pre Sign-up
 * trigger confirms every account at once: Amplify's auto sign-in then starts the sign-in, whose emailed code proves
 * the address.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import {
  latestCode,
  newAddress,
  openSignUp,
  operations,
  passkeysListed,
  passwordlessSignUpSuite,
  stepAfter,
  submitCode,
  submitSignUp,
  type MochaSuite,
} from './support/e2e-fixture.js';

describe('end to end: passwordless sign-up on a pool that confirms at once', function (this: MochaSuite) {
  const { e2e, render } = passwordlessSignUpSuite(this, 'endpoint');

  it('goes on with the auto sign-in, whose emailed code proves the address', async () => {
    const { el } = await render({ 'preferred-challenge': 'EMAIL_OTP' });
    const email = newAddress();
    await openSignUp(el);

    expect(await stepAfter(el, () => submitSignUp(el, email))).to.equal('challenge');
    const signedIn = oneEvent(el, 'auth-signed-in');
    submitCode(el, await latestCode(e2e.endpoint, email));
    expect((await signedIn).detail).to.deep.include({ loginId: email, newUser: true });

    // The signed-in view then lists the user's passkeys (none yet): one request more, after the sign-in's.
    await waitUntil(() => passkeysListed(el), 'the passkeys never listed');
    const clientRequests = (await operations(e2e.endpoint)).filter((operation) => !operation.startsWith('Admin'));
    expect(clientRequests).to.deep.equal([
      'SignUp',
      'InitiateAuth',
      'RespondToAuthChallenge',
      'ListWebAuthnCredentials',
    ]);
    expect(decodeJwt((await el.fetchTokens())!.idToken)).to.include({ email, email_verified: true });
  });
});
