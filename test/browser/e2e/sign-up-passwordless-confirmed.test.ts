/**
 * End to end, passwordless sign-up (`sign-up` with `auth-flow="user-auth"`) on the main pool, whose Pre Sign-up
 * trigger confirms every account at once: Amplify's auto sign-in then starts the sign-in, whose emailed code proves
 * the address.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import {
  latestCode,
  newAddress,
  openSignUp,
  passwordlessSignUpSuite,
  signInRequests,
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

    expect(await signInRequests(e2e.endpoint)).to.deep.equal(['SignUp', 'InitiateAuth', 'RespondToAuthChallenge']);
    expect(decodeJwt((await el.fetchTokens())!.idToken)).to.include({ email, email_verified: true });
  });
});
