/**
 * End to end, attempts used up: after the last wrong code the pool fails the sign-in, Amplify keeps its dead
 * in-progress sign-in, and the element must start a fresh one from the first form. Its own file: the page's
 * Amplify is left with exactly that dead state.
 */
import { expect } from '@open-wc/testing';
import {
  endToEndSuite,
  errorAfter,
  errorText,
  field,
  latestCode,
  operations,
  renderForEndpoint,
  signIn,
  stepAfter,
  submitCode,
  submitFirstForm,
  wrongCodeFor,
  type MochaSuite,
} from './support/e2e-fixture.js';
import type { CustomAuthLogin } from '../../../src/custom-auth-login.js';

const alice = 'alice@example.com';

describe('end to end: too many wrong codes', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);

  /** Gets a code sent to `username`, then answers wrong until the pool gives up; resolves with the last error. */
  async function useUpAttempts(el: CustomAuthLogin, username: string) {
    await stepAfter(el, () => submitFirstForm(el, username));
    const wrong = wrongCodeFor(await latestCode(e2e.endpoint, username));
    for (let attempt = 1; attempt < e2e.config.maxAttempts; attempt++) {
      const retry = await errorAfter(el, () => submitCode(el, wrong));
      expect(retry.step, `attempt ${attempt} keeps the challenge`).to.equal('challenge');
    }
    return errorAfter(el, () => submitCode(el, wrong));
  }

  describe('when every attempt is used up', () => {
    it('goes back to the first form with a clear message, keeping the username', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });

      const last = await useUpAttempts(el, alice);

      expect(last).to.include({ step: 'challenge', name: 'NotAuthorizedException' });
      expect(el.step).to.equal('username');
      expect(log.steps()).to.deep.equal(['username', 'challenge', 'username']);
      expect(errorText(el)).to.match(/too many/i);
      expect(field(el, 'username-input').value).to.equal(alice);
    });

    it('lets the same user sign in afresh with a new code', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
      await useUpAttempts(el, alice);
      const before = await operations(e2e.endpoint);

      await signIn(el, e2e.endpoint, { username: alice });

      expect(el.step).to.equal('signed-in');
      // A new InitiateAuth rather than a resend of the dead session: one sign-in's worth of requests.
      expect((await operations(e2e.endpoint)).slice(before.length)).to.deep.equal([
        'InitiateAuth',
        'RespondToAuthChallenge',
      ]);
    });
  });
});
