import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { FakeAuthAdapter, customChallenge } from './support/fake-auth-adapter.js';
import {
  alice,
  detailAfter,
  field,
  focused,
  part,
  renderLogin,
  renderSignedIn,
  renderSignedOut,
  submit,
  signInCall,
  userPoolClientId,
  userPoolId,
} from './support/login-fixture.js';

describe('<custom-auth-login> sessions', () => {
  describe('when a session is stored', () => {
    it('shows the user signed in without signing in again', async () => {
      const fake = new FakeAuthAdapter();
      const el = await renderLogin(fake);
      const lookup = await fake.nextCall('getCurrentUser');
      const changed = oneEvent(el, 'auth-step-change');
      const signedInEvent = oneEvent(el, 'auth-signed-in');
      lookup.resolve(alice);

      expect((await changed).detail).to.deep.equal({ step: 'signed-in', previousStep: 'loading' });
      expect((await signedInEvent).detail).to.deep.equal({ ...alice, restored: true, newUser: false });
      expect(el.getAttribute('step')).to.equal('signed-in');
      expect(part(el, 'signed-in')?.textContent).to.contain('alice@example.com');
      expect(fake.count('signIn')).to.equal(0);
    });

    it('leaves the page focus alone', async () => {
      const fake = new FakeAuthAdapter();
      const el = await renderLogin(fake);
      const lookup = await fake.nextCall('getCurrentUser');
      await detailAfter(el, 'auth-signed-in', () => lookup.resolve(alice));
      expect(focused(el)).to.equal(null);
    });
  });

  describe('when the user signs out', () => {
    it('signs out locally through the button and returns to the username form', async () => {
      const { el, fake } = await renderSignedIn();
      part<HTMLButtonElement>(el, 'sign-out-button')!.click();
      const call = await fake.nextCall('signOut');
      expect(call.input).to.deep.equal({ global: false });

      const changed = oneEvent(el, 'auth-step-change');
      const signedOut = oneEvent(el, 'auth-signed-out');
      call.resolve();
      expect((await changed).detail).to.deep.equal({ step: 'username', previousStep: 'signed-in' });
      expect((await signedOut).detail).to.deep.equal({ username: alice.username });
      expect(el.getAttribute('step')).to.equal('username');
      expect(focused(el)).to.equal('username-input');
    });

    it('keeps the username but not the password typed before', async () => {
      const { el, fake } = await renderSignedIn({ authFlow: 'custom-with-srp' });
      const done = el.signOut();
      (await fake.nextCall('signOut')).resolve();
      await done;
      await el.updateComplete;
      expect(field(el, 'username-input').value).to.equal('alice@example.com');
      expect(field(el, 'password-input').value).to.equal('');
    });

    it('passes global: true on to end every session', async () => {
      const { el, fake } = await renderSignedIn();
      const done = el.signOut({ global: true });
      const call = await fake.nextCall('signOut');
      expect(call.input).to.deep.equal({ global: true });
      call.resolve();
      await done;
      expect(el.step).to.equal('username');
    });

    it('shows it is busy while signing out', async () => {
      const { el, fake } = await renderSignedIn();
      void el.signOut();
      await fake.nextCall('signOut');
      await el.updateComplete;
      expect(part<HTMLButtonElement>(el, 'sign-out-button')?.disabled).to.equal(true);
      expect(part(el, 'status')?.textContent).to.contain('Signing out');
    });

    it('does nothing when nobody is signed in', async () => {
      const { el, fake } = await renderSignedOut();
      el.addEventListener('auth-signed-out', () => expect.fail('nobody was signed in'));
      await el.signOut();
      expect(fake.count('signOut')).to.equal(0);
    });
  });

  describe('when the page asks for tokens', () => {
    it('hands over what the auth library returns', async () => {
      const { el, fake } = await renderSignedIn();
      const tokens = { idToken: 'id.jwt', accessToken: 'access.jwt', expiresAt: 1_900_000_000_000 };
      const fetched = el.fetchTokens();
      (await fake.nextCall('fetchTokens')).resolve(tokens);
      expect(await fetched).to.deep.equal(tokens);
    });

    it('resolves null when nobody is signed in', async () => {
      const { el, fake } = await renderSignedOut();
      const fetched = el.fetchTokens();
      (await fake.nextCall('fetchTokens')).resolve(null);
      expect(await fetched).to.equal(null);
    });

    it('rejects with a ConfigurationError when the element is not configured', async () => {
      const el = await fixture<CustomAuthLogin>(
        html`<custom-auth-login
          user-pool-id="not a pool"
          user-pool-client-id="c"
          .adapter=${new FakeAuthAdapter()}
        ></custom-auth-login>`,
      );
      const error = await el.fetchTokens().then(
        () => expect.fail('fetchTokens should reject'),
        (rejection: Error) => rejection,
      );
      expect(error.name).to.equal('ConfigurationError');
      expect(error.message).to.contain('user-pool-id "not a pool" is not like eu-west-1_AbC123');
    });
  });

  describe('when the page resets a sign-in in progress', () => {
    it('drops the answer to the abandoned request', async () => {
      const { el, fake } = await renderSignedOut();
      const call = await signInCall(el, fake);
      el.reset();
      el.addEventListener('auth-step-change', () => expect.fail('the abandoned sign-in must not move the element'));

      call.resolve(customChallenge({ destination: 'a***@e***.com' }));
      await call.settled;
      await el.updateComplete;
      expect(el.step).to.equal('username');
      expect(part<HTMLButtonElement>(el, 'submit-button')?.disabled).to.equal(false);
      expect(field(el, 'username-input').value).to.equal('alice@example.com');
    });

    it('starts a new sign-in on the next submit', async () => {
      const { el, fake } = await renderSignedOut();
      await signInCall(el, fake);
      el.reset();
      await el.updateComplete;
      submit(el);
      await fake.nextCall('signIn');
      expect(fake.count('signIn')).to.equal(2);
    });

    it('leaves a signed-in user signed in', async () => {
      const { el } = await renderSignedIn();
      el.reset();
      await el.updateComplete;
      expect(el.step).to.equal('signed-in');
    });
  });

  describe('when the page supplies its own signed-in view', () => {
    async function renderWithSignedInView() {
      const fake = new FakeAuthAdapter();
      const el = await fixture<CustomAuthLogin>(html`
        <custom-auth-login user-pool-id=${userPoolId} user-pool-client-id=${userPoolClientId} .adapter=${fake}>
          <p slot="signed-in">Welcome back</p>
        </custom-auth-login>
      `);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="signed-in"]')!;
      return { el, fake, slot };
    }

    it('shows the slotted content instead of the default view', async () => {
      const { el, fake, slot } = await renderWithSignedInView();
      const lookup = await fake.nextCall('getCurrentUser');
      await detailAfter(el, 'auth-step-change', () => lookup.resolve(alice));

      expect(slot.assignedElements()[0]?.textContent).to.equal('Welcome back');
      expect(slot.closest('[hidden]')).to.equal(null);
      expect(part(el, 'signed-in')).to.equal(null);
    });

    it('hides the slotted view until a user is signed in', async () => {
      const { slot } = await renderWithSignedInView();
      expect(slot.closest('[hidden]')).to.not.equal(null);
    });
  });

  describe('when the page adds a header and a footer', () => {
    it('shows both around the form', async () => {
      const el = await fixture<CustomAuthLogin>(html`
        <custom-auth-login
          .adapter=${new FakeAuthAdapter()}
          user-pool-id=${userPoolId}
          user-pool-client-id=${userPoolClientId}
        >
          <h2 slot="header">Sign in to Example</h2>
          <small slot="footer">Need help?</small>
        </custom-auth-login>
      `);
      const slots = [...el.shadowRoot!.querySelectorAll<HTMLSlotElement>('slot[name="header"], slot[name="footer"]')];
      expect(slots.map((slot) => slot.assignedElements()[0]?.textContent)).to.deep.equal([
        'Sign in to Example',
        'Need help?',
      ]);
    });
  });
});
