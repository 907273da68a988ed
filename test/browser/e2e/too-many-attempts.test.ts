/**
 * End to end, the limits across sign-ins: the triggers count wrong codes per user in DynamoDB (dynalite inside
 * the local endpoint), and once a user is locked Cognito relays the trigger's refusal. Against an endpoint that
 * locks after two wrong codes an hour; the lock outlives the test, so each test uses its own username.
 */
import { expect } from '@open-wc/testing';
import {
  endToEndSuite,
  errorAfter,
  errorText,
  field,
  latestCode,
  renderForEndpoint,
  stepAfter,
  submitCode,
  submitFirstForm,
  wrongCodeFor,
  type MochaSuite,
} from './support/e2e-fixture.js';

describe('end to end: too many attempts across sign-ins', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { endpoint: 'limitedEndpoint' });

  describe('when wrong codes reach the hourly cap', () => {
    it('refuses the next answer with the wait in minutes and goes back to the first form', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });
      await stepAfter(el, () => submitFirstForm(el, 'alice@example.com'));
      const code = await latestCode(e2e.endpoint, 'alice@example.com');
      for (let i = 0; i < e2e.config.limitedFailuresPerHour; i++) {
        const wrong = await errorAfter(el, () => submitCode(el, wrongCodeFor(code)));
        expect(wrong.name).to.equal('IncorrectChallengeAnswer');
      }

      // Even the right code is not looked at any more.
      const refusal = await errorAfter(el, () => submitCode(el, code));

      expect(refusal).to.include({ name: 'TooManyAttempts', step: 'challenge' });
      expect(errorText(el)).to.equal('Too many attempts. Try again in 15 minutes.');
      expect(el.step).to.equal('username');
      expect(log.steps()).to.deep.equal(['username', 'challenge', 'username']);
      expect(field(el, 'username-input').value).to.equal('alice@example.com');
    });

    it('refuses a new sign-in for that user, in any letter case, without sending a code', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });

      const refusal = await errorAfter(el, () => submitFirstForm(el, 'ALICE@example.com'));

      expect(refusal).to.include({ name: 'TooManyAttempts', step: 'username' });
      expect(errorText(el)).to.match(/^Too many attempts\. Try again in 1[45] minutes\.$/);
      expect(el.step).to.equal('username');
    });
  });

  describe('when a second code is asked for within 30 seconds', () => {
    it('says to wait a moment, for a name the pool does not know just as for a real user', async () => {
      for (const username of ['carol.unknown@example.com', 'bob.unknown@example.com']) {
        const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
        expect(await stepAfter(el, () => submitFirstForm(el, username))).to.equal('challenge');
        el.remove();

        const again = await renderForEndpoint({ endpoint: e2e.endpoint });
        const refusal = await errorAfter(again.el, () => submitFirstForm(again.el, username));

        expect(refusal.name).to.equal('TooManyAttempts');
        expect(errorText(again.el)).to.equal('Too many attempts. Wait a moment, then try again.');
        again.el.remove();
      }
    });
  });
});
