/**
 * End to end, sign-up: the real element with `sign-up` and the real Amplify against the local endpoint, whose pool
 * takes sign-ups and runs the project's Pre Sign-up, Create and Verify triggers. A new address signs up and is
 * signed in with three requests, its first code proving the address; an address that has an account gets the
 * same screens and requests.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import {
  errorAfter,
  errorText,
  field,
  latestCode,
  newAddress,
  openSignUp,
  operations,
  part,
  stepAfter,
  submitCode,
  submitSignUp,
  signUpSuite,
  type MochaSuite,
} from './support/e2e-fixture.js';

/** The requests the page made: the log also holds the Verify trigger's own administrative call. */
const clientRequests = async (endpoint: string) =>
  (await operations(endpoint)).filter((operation) => !operation.startsWith('Admin'));

describe('end to end: signing up (sign-up)', function (this: MochaSuite) {
  const { e2e, render } = signUpSuite(this);

  describe('accessibility', () => {
    it('is accessible on the username step with its sign-up button, and on the sign-up step', async () => {
      const { el } = await render();
      await openSignUp(el).then(() => stepAfter(el, () => part(el, 'to-sign-in-button')!.click()));
      await expect(el).to.be.accessible();
      await openSignUp(el);
      await expect(el).to.be.accessible();
      const email = field(el, 'username-input');
      expect(email.type).to.equal('email');
      expect(email.autocomplete).to.equal('email');
      expect(email.labels?.[0]?.textContent?.trim()).to.equal('Email');
      const name = part<HTMLInputElement>(el, 'attribute-input')!;
      expect(name.autocomplete).to.equal('name');
      expect(name.labels?.[0]?.textContent?.trim()).to.equal('Name');
    });
  });

  describe('when a new address signs up', () => {
    it('is signed in after one code, with three requests, as a new user whose address the code proved', async () => {
      const { el, log } = await render();
      const email = newAddress();
      expect(await openSignUp(el)).to.equal('sign-up');
      expect(el.getAttribute('step')).to.equal('sign-up');

      expect(await stepAfter(el, () => submitSignUp(el, email, { name: 'New Person' }))).to.equal('challenge');
      const signedIn = oneEvent(el, 'auth-signed-in');
      submitCode(el, await latestCode(e2e.endpoint, email));
      const { detail } = await signedIn;

      expect(detail).to.deep.include({ loginId: email, restored: false, newUser: true });
      expect(await clientRequests(e2e.endpoint)).to.deep.equal(['SignUp', 'InitiateAuth', 'RespondToAuthChallenge']);
      expect(await operations(e2e.endpoint)).to.include(
        'AdminUpdateUserAttributes',
        'Verify marked the address verified',
      );
      expect(log.steps()).to.deep.equal(['username', 'sign-up', 'challenge', 'signed-in']);
      const id = decodeJwt((await el.fetchTokens())!.idToken);
      expect(id).to.include({ email, email_verified: true, name: 'New Person' });
      expect(id['cognito:username']).to.equal(detail.username);
    });
  });

  describe('when an address that already has an account signs up', () => {
    it('just signs in: same steps, same three requests, no error, newUser false', async () => {
      const { el, log } = await render();
      await openSignUp(el);

      expect(await stepAfter(el, () => submitSignUp(el, 'alice@example.com'))).to.equal('challenge');
      expect(errorText(el)).to.equal('');
      const signedIn = oneEvent(el, 'auth-signed-in');
      submitCode(el, await latestCode(e2e.endpoint, 'alice@example.com'));
      const { detail } = await signedIn;

      expect(detail).to.deep.include({ loginId: 'alice@example.com', newUser: false });
      expect(await operations(e2e.endpoint)).to.deep.equal(['SignUp', 'InitiateAuth', 'RespondToAuthChallenge']);
      expect(log.steps()).to.deep.equal(['username', 'sign-up', 'challenge', 'signed-in']);
      expect(log.sequence()).not.to.include('auth-error');
    });
  });

  describe('when the address is not one', () => {
    it('refuses it before any request, on the field, and takes a corrected one', async () => {
      const { el } = await render();
      await openSignUp(el);

      const error = await errorAfter(el, () => submitSignUp(el, 'not-an-address'));
      expect(error).to.deep.include({ step: 'sign-up', name: 'InvalidEmail' });
      expect(errorText(el)).to.equal('Enter a valid email address.');
      expect(field(el, 'username-input').getAttribute('aria-invalid')).to.equal('true');
      expect(await operations(e2e.endpoint)).to.deep.equal([]);

      expect(await stepAfter(el, () => submitSignUp(el, newAddress()))).to.equal('challenge');
    });
  });
});
