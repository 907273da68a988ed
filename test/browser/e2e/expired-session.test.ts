/**
 * End to end, the sign-in session runs out while the user looks for the code: against an endpoint whose
 * sessions last a few seconds, the right code arrives too late. The user must be told the code expired and be
 * able to get a new one from the first form.
 */
import { aTimeout, expect } from '@open-wc/testing';
import {
  endToEndSuite,
  errorAfter,
  errorText,
  field,
  latestCode,
  renderForEndpoint,
  sentCodes,
  signIn,
  stepAfter,
  submitCode,
  submitFirstForm,
  type MochaSuite,
} from './support/e2e-fixture.js';

const alice = 'alice@example.com';

describe('end to end: an expired sign-in session', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 20_000, endpoint: 'shortSessionEndpoint' });

  describe('when the code is submitted after the session expired', () => {
    it('says the code expired, returns to the first form, and a new code then signs in', async () => {
      const endpoint = e2e.endpoint;
      const { el, log } = await renderForEndpoint({ endpoint });
      await stepAfter(el, () => submitFirstForm(el, alice));
      const lateCode = await latestCode(endpoint, alice);
      await aTimeout(e2e.config.shortSessionSeconds * 1000 + 500);

      const reported = await errorAfter(el, () => submitCode(el, lateCode));

      expect(reported).to.include({ step: 'challenge', name: 'NotAuthorizedException' });
      expect(reported.message).to.match(/expired/i);
      expect(errorText(el)).to.match(/expired/i);
      expect(el.step).to.equal('username');
      expect(log.steps()).to.deep.equal(['username', 'challenge', 'username']);
      expect(field(el, 'username-input').value).to.equal(alice, 'the username is still there to resubmit');

      await signIn(el, endpoint, { username: alice });

      expect(el.step).to.equal('signed-in');
      expect(await sentCodes(endpoint)).to.have.length(2, 'a second code was sent for the new sign-in');
    });
  });
});
