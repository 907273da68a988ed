/**
 * End to end, a sign-in link opened after the tab's Cognito session has lapsed, and one opened after its own
 * lifetime, against the endpoint whose sessions and links last seconds. A file of its own: Amplify is one
 * global per page, configured for one endpoint.
 */
import { aTimeout, expect } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../../src/custom-auth-login.js';
import {
  clearRequests,
  endToEndSuite,
  errorText,
  field,
  latestLink,
  operations,
  renderForEndpoint,
  stepAfter,
  submitFirstForm,
  storedTokenKeys,
  type AuthEventLog,
  type MochaSuite,
} from './support/e2e-fixture.js';

const alice = 'alice@example.com';
const pageUrl = () => location.pathname + location.search;

async function openLink(endpoint: string, link: string) {
  history.replaceState(null, '', `${pageUrl()}${new URL(link).hash}`);
  return renderForEndpoint({ endpoint });
}

async function requestEmail(endpoint: string): Promise<{ el: CustomAuthLogin; link: string }> {
  const { el } = await renderForEndpoint({ endpoint });
  expect(await stepAfter(el, () => submitFirstForm(el, alice))).to.equal('challenge');
  return { el, link: await latestLink(endpoint, alice) };
}

async function settled(el: CustomAuthLogin, log: AuthEventLog): Promise<void> {
  for (let i = 0; i < 100 && !log.events.some((e) => e.type === 'auth-signed-in' || e.type === 'auth-error'); i++) {
    await aTimeout(50);
  }
  await el.updateComplete;
}

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
