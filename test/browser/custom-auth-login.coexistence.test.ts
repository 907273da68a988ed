import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { Amplify } from 'aws-amplify';
import type { AuthErrorDetail, CustomAuthLogin } from '../../src/custom-auth-login.js';
import { loadConfigurationTexts } from '../../src/strings.js';
import { FakeAuthAdapter, authError, signedIn } from './support/fake-auth-adapter.js';
import {
  alice,
  detailAfter,
  errorText,
  focused,
  renderSignedIn,
  answerCall,
  userPoolClientId,
  userPoolId,
  renderAtChallenge,
} from './support/login-fixture.js';

/** One more element on the page, sharing `fake` the way elements share Amplify, settled on its first form. */
async function addElement(fake: FakeAuthAdapter, poolId = userPoolId): Promise<CustomAuthLogin> {
  const el = await fixture<CustomAuthLogin>(html`
    <custom-auth-login user-pool-id=${poolId} user-pool-client-id=${userPoolClientId} .adapter=${fake}>
    </custom-auth-login>
  `);
  const check = await fake.nextCall('getCurrentUser');
  await detailAfter(el, 'auth-step-change', () => check.reject(authError('UserUnAuthenticatedException', 'nobody')));
  return el;
}

describe('<custom-auth-login> next to others on a page', () => {
  describe('when two elements use the same pool', () => {
    it('configures the auth library once', async () => {
      const { fake } = await renderAtChallenge();
      await addElement(fake);
      expect(fake.configurations).to.have.length(1);
    });

    it('shows the other one signed in as soon as one signs in, without moving focus to it', async () => {
      const { el: signingIn, fake } = await renderAtChallenge();
      const other = await addElement(fake);
      signingIn.addEventListener('auth-error', () => expect.fail('no error expected'));
      const answer = await answerCall(signingIn, fake);
      // Amplify announces the sign-in on its Hub before confirmSignIn resolves.
      fake.announce('signedIn');
      answer.resolve(signedIn);
      const otherSignedIn = oneEvent(other, 'auth-signed-in');
      const ownSignedIn = oneEvent(signingIn, 'auth-signed-in');
      (await fake.nextCall('getCurrentUser')).resolve(alice);
      (await fake.nextCall('getCurrentUser')).resolve(alice);

      expect((await otherSignedIn).detail).to.deep.equal({ ...alice, restored: true, newUser: false });
      expect((await ownSignedIn).detail).to.deep.equal({ ...alice, restored: false, newUser: false });
      expect(other.step).to.equal('signed-in');
      expect(focused(other)).to.equal(null);
      expect(focused(signingIn)).to.equal('signed-in-view');
    });

    it('signs the other one out too when one signs out', async () => {
      const { el, fake } = await renderSignedIn();
      const other = await fixture<CustomAuthLogin>(html`
        <custom-auth-login user-pool-id=${userPoolId} user-pool-client-id=${userPoolClientId} .adapter=${fake}>
        </custom-auth-login>
      `);
      (await fake.nextCall('getCurrentUser')).resolve(alice);
      await oneEvent(other, 'auth-signed-in');

      const done = el.signOut();
      const signOut = await fake.nextCall('signOut');
      fake.announce('signedOut');
      const otherSignedOut = oneEvent(other, 'auth-signed-out');
      signOut.resolve();
      await done;
      expect((await otherSignedOut).detail).to.deep.equal({ username: alice.username });
      expect([el.step, other.step]).to.deep.equal(['username', 'username']);
    });
  });

  describe('when the page signs in or out through Amplify itself', () => {
    it('follows a sign-out: back to the first form, reported as a sign-out', async () => {
      const { el, fake } = await renderSignedIn();
      const outside = await fixture<HTMLButtonElement>(html`<button>Page's own sign-out</button>`);
      outside.focus();
      const signedOut = oneEvent(el, 'auth-signed-out');
      fake.announce('signedOut');

      expect((await signedOut).detail).to.deep.equal({ username: alice.username });
      await el.updateComplete;
      expect(el.step).to.equal('username');
      expect(document.activeElement === outside, 'focus stays with the page').to.equal(true);
      expect(fake.count('signOut')).to.equal(0);
    });

    it('follows a sign-in made while it was asking for a code', async () => {
      const { el, fake } = await renderAtChallenge();
      fake.announce('signedIn');
      (await fake.nextCall('getCurrentUser')).resolve(alice);
      expect((await oneEvent(el, 'auth-signed-in')).detail).to.deep.equal({ ...alice, restored: true, newUser: false });
    });

    it('stops listening once removed from the page', async () => {
      const { el, fake } = await renderSignedIn();
      expect(fake.listenerCount).to.equal(1);
      el.remove();
      expect(fake.listenerCount).to.equal(0);
    });
  });

  describe('when two elements name different pools', () => {
    it('keeps the first pool and explains the conflict in the second', async () => {
      const fake = new FakeAuthAdapter();
      const errors: AuthErrorDetail[] = [];
      const first = await addElement(fake);
      const second = await fixture<CustomAuthLogin>(html`
        <custom-auth-login
          user-pool-id="eu-west-1_Other"
          user-pool-client-id="otherclient"
          .adapter=${fake}
          @auth-error=${(event: CustomEvent<AuthErrorDetail>) => errors.push(event.detail)}
        ></custom-auth-login>
      `);
      await loadConfigurationTexts();
      await second.updateComplete;
      const message =
        'This sign-in form is not set up: this page already uses user pool local_devpool (one pool per page).';
      expect(errors).to.deep.equal([{ step: 'loading', name: 'ConfigurationError', message }]);
      expect(errorText(second)).to.equal(message);
      expect(fake.configurations.map((config) => config.userPoolId)).to.deep.equal([userPoolId]);
      expect(first.step).to.equal('username');
    });
  });

  describe('when the page configured Amplify itself', () => {
    const pageAuth = { userPoolId: 'local_pagepool', userPoolClientId: 'pageclient' };
    beforeEach(() => {
      Amplify.configure({
        Auth: { Cognito: pageAuth },
        API: { REST: { orders: { endpoint: 'https://api.example.com' } } },
      });
    });

    /** The real element (with Amplify behind it) on the page, once it has settled. */
    async function renderWithAmplify(poolId?: string, clientId?: string): Promise<CustomAuthLogin> {
      const el = document.createElement('custom-auth-login');
      if (poolId) el.setAttribute('user-pool-id', poolId);
      if (clientId) el.setAttribute('user-pool-client-id', clientId);
      const settled = oneEvent(el, 'auth-step-change');
      await fixture(html`<div>${el}</div>`);
      await settled;
      return el;
    }

    it('uses that configuration when it names no pool', async () => {
      const el = await renderWithAmplify();
      expect(errorText(el)).to.equal('');
      expect(Amplify.getConfig().Auth?.Cognito).to.include(pageAuth);
    });

    it('leaves it as it is when it names the same pool', async () => {
      const before = Amplify.getConfig();
      const el = await renderWithAmplify(pageAuth.userPoolId, pageAuth.userPoolClientId);
      expect(errorText(el)).to.equal('');
      expect(Amplify.getConfig()).to.equal(before);
    });

    it('keeps it, and says so, when it names another pool', async () => {
      const el = await renderWithAmplify(userPoolId, userPoolClientId);
      expect(errorText(el)).to.contain('already uses user pool local_pagepool');
      expect(Amplify.getConfig().Auth?.Cognito).to.include(pageAuth);
      expect(Amplify.getConfig().API?.REST?.orders?.endpoint).to.equal('https://api.example.com');
    });
  });
});
