/**
 * End to end, password first (custom-with-srp): Amplify proves the password with SRP against the local
 * endpoint, which checks the proof for real, then the code from the inbox completes the sign-in.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  endToEndSuite,
  errorAfter,
  errorText,
  field,
  latestCode,
  operations,
  renderForEndpoint,
  sentCodes,
  signIn,
  submitFirstForm,
  typeWithKeyboard,
  type MochaSuite,
} from './support/e2e-fixture.js';

const bob = { username: 'bob@example.com', password: 'Correct-Horse-42' };

describe('end to end: password, then a code (custom-with-srp)', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);

  describe('accessibility', () => {
    it('is accessible on the first form with its password field', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });
      await expect(el).to.be.accessible();
    });
  });

  describe('when the password is right', () => {
    it('goes username + password → challenge → signed-in, typed on the keyboard', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });

      await typeWithKeyboard(field(el, 'username-input'), bob.username);
      await typeWithKeyboard(field(el, 'password-input'), bob.password);
      const challenge = oneEvent(el, 'auth-step-change');
      await sendKeys({ press: 'Enter' });
      expect((await challenge).detail).to.deep.include({ step: 'challenge', previousStep: 'username' });

      await typeWithKeyboard(field(el, 'code-input'), await latestCode(e2e.endpoint, bob.username));
      const signedIn = oneEvent(el, 'auth-signed-in');
      await sendKeys({ press: 'Enter' });

      expect((await signedIn).detail).to.deep.include({ username: bob.username, restored: false });
      expect(log.sequence()).to.deep.equal(['step:username', 'step:challenge', 'step:signed-in', 'auth-signed-in']);
    });

    it('sends exactly three Cognito requests: InitiateAuth, the password proof, the code', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });

      await signIn(el, e2e.endpoint, bob);

      expect(await operations(e2e.endpoint)).to.deep.equal([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
      ]);
    });
  });

  describe('when the password is wrong', () => {
    it('says the username or password is incorrect and stays on the first form with the username kept', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });

      const reported = await errorAfter(el, () => submitFirstForm(el, bob.username, 'Wrong-Horse-42'));

      expect(reported).to.include({ step: 'username', name: 'NotAuthorizedException' });
      expect(reported.message).to.match(/incorrect username or password/i);
      expect(errorText(el)).to.match(/incorrect/i);
      expect(el.step).to.equal('username');
      expect(log.steps()).to.deep.equal(['username']);
      expect(field(el, 'username-input').value).to.equal(bob.username);
      expect(await sentCodes(e2e.endpoint)).to.deep.equal([], 'no code is sent before the password is proven');
    });

    it('then signs in with the right password', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });
      await errorAfter(el, () => submitFirstForm(el, bob.username, 'Wrong-Horse-42'));

      await signIn(el, e2e.endpoint, bob);

      expect(el.step).to.equal('signed-in');
    });
  });

  describe('when a passwordless user tries the password flow', () => {
    it('is refused like a wrong password', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });

      const reported = await errorAfter(el, () => submitFirstForm(el, 'alice@example.com', 'any-password'));

      expect(reported).to.include({ step: 'username', name: 'NotAuthorizedException' });
      expect(el.step).to.equal('username');
    });
  });
});
