/**
 * End to end, passwordless sign-up on a pool with Cognito's own passwordless sign-in alone, when the first code
 * typed is wrong (the right one: sign-up-passwordless.test.ts). A page of its own: Amplify's auto sign-in ignores a
 * call made while the 300 ms guard of an earlier one in the same page is still set, and its promise never settles.
 * In the whole end-to-end run, a second sign-up in one page met that (the guard's timer ran late), so each sign-up
 * spec that ends in an auto sign-in gets a fresh page.
 */ import { expect, oneEvent } from '@open-wc/testing';
import {
  errorText,
  field,
  latestCode,
  newAddress,
  openSignUp,
  passwordlessSignUpSuite,
  signInRequests,
  stepAfter,
  submitCode,
  submitSignUp,
  wrongCodeFor,
  type MochaSuite,
} from './support/e2e-fixture.js';

describe("end to end: passwordless sign-up, confirmed by Cognito's code (USER_AUTH pool)", function (this: MochaSuite) {
  const { e2e, render } = passwordlessSignUpSuite(this, 'userAuthOnlyEndpoint');

  it('says a wrong code is wrong, keeps the step, and takes the right one', async () => {
    const { el } = await render();
    const email = newAddress();
    await openSignUp(el);
    await stepAfter(el, () => submitSignUp(el, email));
    const code = await latestCode(e2e.endpoint, email);

    const wrong = oneEvent(el, 'auth-error');
    submitCode(el, wrongCodeFor(code));
    expect((await wrong).detail).to.deep.include({ step: 'challenge', name: 'CodeMismatchException' });
    expect(errorText(el)).to.equal('That code is not right. Try again.');
    expect(el.step).to.equal('challenge');
    expect(field(el, 'code-input').value).to.equal(wrongCodeFor(code));

    const signedIn = oneEvent(el, 'auth-signed-in');
    submitCode(el, code);
    expect((await signedIn).detail).to.deep.include({ loginId: email, newUser: true });
    expect(await signInRequests(e2e.endpoint)).to.deep.equal([
      'SignUp',
      'ConfirmSignUp',
      'ConfirmSignUp',
      'InitiateAuth',
    ]);
  });
});
