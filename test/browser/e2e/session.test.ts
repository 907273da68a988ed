/**
 * End to end, after the sign-in: a new element (a re-render, a route change) finds the stored session without
 * signing in again, and signing out forgets it everywhere.
 */
import { expect, oneEvent } from '@open-wc/testing';
import {
  clearRequests,
  endToEndSuite,
  operations,
  part,
  renderForEndpoint,
  signIn,
  storedTokenKeys,
  type MochaSuite,
} from './support/e2e-fixture.js';

const alice = 'alice@example.com';

describe('end to end: a stored session', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);
  beforeEach(async () => {
    const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
    await signIn(el, e2e.endpoint, { username: alice });
    el.remove();
    await clearRequests(e2e.endpoint);
  });

  describe('when the element is rendered again after a sign-in', () => {
    it('shows the user signed in with restored: true and makes no Cognito request', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });

      expect(log.sequence()).to.deep.equal(['step:signed-in', 'auth-signed-in']);
      expect(log.events[1]!.detail).to.deep.include({ username: alice, restored: true });
      expect(el.step).to.equal('signed-in');
      expect(await operations(e2e.endpoint)).to.deep.equal([]);
    });

    it('is accessible on the restored signed-in view', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
      await expect(el).to.be.accessible();
    });
  });

  describe('when the user signs out', () => {
    it('returns to the first form, removes the tokens from storage and fires auth-signed-out', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
      expect(storedTokenKeys()).to.have.length.greaterThan(0, 'tokens were stored by the sign-in');
      const signedOut = oneEvent(el, 'auth-signed-out');

      part(el, 'sign-out-button')!.click();

      expect((await signedOut).detail).to.deep.equal({ username: alice });
      expect(el.step).to.equal('username');
      expect(storedTokenKeys()).to.deep.equal([]);
      expect(await operations(e2e.endpoint)).to.deep.equal(['RevokeToken'], 'the refresh token is revoked');
      expect(await el.fetchTokens()).to.equal(null);
    });

    it('stays signed out when rendered again', async () => {
      const { el: first } = await renderForEndpoint({ endpoint: e2e.endpoint });
      await first.signOut();
      first.remove();

      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });

      expect(el.step).to.equal('username');
    });
  });
});
