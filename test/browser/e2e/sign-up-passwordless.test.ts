/**
 * End to end, passwordless sign-up (`sign-up` with `auth-flow="user-auth"`): the real element and the real Amplify
 * against local endpoints. On a pool with Cognito's own passwordless sign-in alone, Cognito emails a code that
 * confirms the account, and Amplify's auto sign-in carries the sign-up's session into the sign-in: one code, three
 * requests. (A pool whose Pre Sign-up trigger confirms at once: sign-up-passwordless-confirmed.test.ts; Amplify is
 * one per page, so each pool has its file; a wrong code first:
 * sign-up-passwordless-wrong-code.test.ts.)
 */
import { expect, oneEvent } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import {
  latestCode,
  newAddress,
  openSignUp,
  passwordlessSignUpSuite,
  sentCodes,
  signInRequests,
  stepAfter,
  submitCode,
  submitSignUp,
  type MochaSuite,
} from './support/e2e-fixture.js';

describe("end to end: passwordless sign-up, confirmed by Cognito's code (USER_AUTH pool)", function (this: MochaSuite) {
  const { e2e, render } = passwordlessSignUpSuite(this, 'userAuthOnlyEndpoint');

  it('signs a new address up without a password and signs it in with the one code: real tokens, three requests', async () => {
    const { el, log } = await render();
    const email = newAddress();
    await openSignUp(el);

    expect(await stepAfter(el, () => submitSignUp(el, email, { name: 'New Person' }))).to.equal('challenge');
    expect(log.events.at(-1)!.detail).to.deep.include({ step: 'challenge' });
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'auth-signed-in');
    submitCode(el, await latestCode(e2e.endpoint, email));
    const { detail } = await signedIn;

    expect(detail).to.deep.include({ loginId: email, restored: false, newUser: true });
    expect(await signInRequests(e2e.endpoint)).to.deep.equal(['SignUp', 'ConfirmSignUp', 'InitiateAuth']);
    const codes = (await sentCodes(e2e.endpoint)).filter((sent) => sent.to === email);
    expect(codes).to.have.length(1, 'no second code: the sign-up session signed the user in');
    const tokens = (await el.fetchTokens())!;
    const id = decodeJwt(tokens.idToken);
    expect(id).to.include({ email, email_verified: true, name: 'New Person' });
    expect(id['cognito:username']).to.equal(detail.username);
    expect(decodeJwt(tokens.accessToken)).to.include({ token_use: 'access', username: detail.username });
    expect(log.steps()).to.deep.equal(['username', 'sign-up', 'challenge', 'signed-in']);
  });
});
