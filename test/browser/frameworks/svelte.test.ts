// <custom-auth-login> inside a Svelte 5 app, through the component docs/frameworks.md shows: Svelte sets its
// attributes from state, handles its events through `on<event-name>` attributes, and updates the page around it
// without disturbing it. The test server compiles the components with the installed Svelte compiler.
import { expect } from '@open-wc/testing';
import { flushSync, mount, unmount } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { CustomAuthLogin } from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter } from '../support/fake-auth-adapter.js';
import { answerChallenge, answerNoSession, reachChallenge } from '../support/fake-steps.js';
import { field, partOf, stepAfter, typeInto } from '../support/login-driver.js';
import SvelteApp from './support/SvelteApp.svelte';

describe('<custom-auth-login> in a Svelte 5 app', () => {
  let container: HTMLElement;
  let app: ReturnType<typeof mount>;
  let fake: FakeAuthAdapter;
  /** The app's state, changed by the tests from outside. */
  let state: SvelteMap<string, string>;

  /**
   * Mounts the app and returns its element, with the fake auth library in place of Amplify. Svelte mounts
   * synchronously and the element starts its work only in a microtask after it connects, so the fake is in
   * place before the element's first call.
   */
  function mountApp(): CustomAuthLogin {
    app = mount(SvelteApp, { target: container, props: { app: state } });
    const el = container.querySelector<CustomAuthLogin>('custom-auth-login')!;
    el.adapter = fake;
    return el;
  }

  const greeting = () => container.querySelector('p')?.textContent ?? '';

  beforeEach(() => {
    fake = new FakeAuthAdapter();
    state = new SvelteMap([
      ['userPoolId', 'local_devpool'],
      ['renders', '0'],
    ]);
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    void unmount(app);
    container.remove();
  });

  it('is accessible as Svelte renders it', async () => {
    const el = mountApp();
    await answerNoSession(el, fake);
    await expect(el).to.be.accessible();
  });

  describe('when attributes are bound from state', () => {
    it('hands the bound pool settings to the auth library', async () => {
      const el = mountApp();
      await el.updateComplete;
      expect(el.getAttribute('user-pool-id')).to.equal('local_devpool');
      expect(fake.configurations).to.deep.equal([{ userPoolId: 'local_devpool', userPoolClientId: 'localdevclient' }]);
    });

    it('applies a changed value when the state changes', async () => {
      const el = mountApp();
      await answerNoSession(el, fake);
      state.set('userPoolId', 'local_otherpool');
      flushSync();
      await el.updateComplete;
      expect(el.userPoolId).to.equal('local_otherpool');
      expect(fake.configurations.at(-1)?.userPoolId).to.equal('local_otherpool');
    });
  });

  describe('when the user signs in', () => {
    it("runs the app's onauth-signed-in handler, which updates Svelte state", async () => {
      const el = mountApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      expect(greeting()).to.equal('');
      await stepAfter(el, () => void answerChallenge(el, fake, 'alice@example.com'));
      flushSync();
      expect(greeting()).to.equal('Welcome, alice@example.com.');
    });
  });

  describe('when Svelte updates the app during a sign-in', () => {
    it('keeps the same element on its step, with what the user typed', async () => {
      const el = mountApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      typeInto(field(el, 'code-input'), '123');

      state.set('renders', '1');
      flushSync();
      state.set('renders', '2');
      flushSync();
      await el.updateComplete;

      expect(container.querySelector('main')?.dataset.renders).to.equal('2');
      expect(container.querySelector('custom-auth-login')).to.equal(el);
      expect(el.getAttribute('step')).to.equal('challenge');
      expect(partOf<HTMLInputElement>(el, 'code-input').value).to.equal('123');
      expect(fake.count('signIn')).to.equal(1);
      expect(fake.count('getCurrentUser')).to.equal(1);
    });
  });
});
