/**
 * End to end, a sign-in link opened after the tab's Cognito session has lapsed, and one opened after its own
 * lifetime, against the endpoint whose sessions and links last seconds. A file of its own: Amplify is one
 * global per page, configured for one endpoint.
 */
import { aTimeout, expect } from '@open-wc/testing';
import {
  clearRequests,
  endToEndSuite,
  errorText,
  field,
  operations,
  storedTokenKeys,
  type MochaSuite,
} from './support/e2e-fixture.js';
import { openLink, pageUrl, requestEmail, settled } from './support/sign-in-link.js';

describe('end to end: sign-in links and time', function (this: MochaSuite) {
  const e2eShort = endToEndSuite(this, { timeoutMs: 30_000, endpoint: 'shortSessionEndpoint' });
  afterEach(() => history.replaceState(null, '', pageUrl()));

  describe('when the Cognito session has lapsed before the link is opened', () => {
    it('signs in all the same, in the tab that asked', async () => {
      const { el: first, link } = await requestEmail(e2eShort.endpoint);
      first.remove();
      await aTimeout(e2eShort.config.shortSessionSeconds * 1000 + 500);

      const { el, log } = await openLink(e2eShort.endpoint, link);
      await settled(el, log);

      expect(el.step).to.equal('signed-in');
      expect(log.events.find((event) => event.type === 'auth-signed-in')?.detail).to.deep.include({ link: true });
    });

    it('says an expired link has expired, signs nobody in, and offers the first form for a new email', async () => {
      const { el: first, link } = await requestEmail(e2eShort.endpoint);
      first.remove();
      sessionStorage.clear();
      await aTimeout(e2eShort.config.shortLinkSeconds * 1000 + 500);
      await clearRequests(e2eShort.endpoint);

      const { el, log } = await openLink(e2eShort.endpoint, link);
      await settled(el, log);

      expect(el.step).to.equal('username');
      expect(log.events.find((event) => event.type === 'auth-error')?.detail).to.include({ name: 'LinkExpired' });
      expect(errorText(el)).to.equal('This sign-in link has expired. Enter your email to get a new one.');
      expect(storedTokenKeys()).to.deep.equal([]);
      expect(await operations(e2eShort.endpoint), 'refused without a request').to.deep.equal([]);
      expect(field(el, 'username-input')).to.exist;
    });
  });
});
