// <custom-auth-login> inside a Vue 3 app: Vue binds its configuration from reactive state, passes the adapter
// as a property, handles its events through `onAuthSignedIn`-style listeners (what `@auth-signed-in`
// compiles to), and re-renders without disturbing it.
import { expect } from '@open-wc/testing';
import { createApp, h, nextTick, ref, type App as VueApp } from 'vue/dist/vue.esm-browser.prod.js';
import type { AuthStep, CustomAuthLogin } from '../../../src/custom-auth-login.js';
import type { CustomAuthLoginVueProps } from '../../../src/frameworks/vue.js';
import '../../../src/custom-auth-login.js';
import { FakeAuthAdapter } from '../support/fake-auth-adapter.js';
import { answerChallenge, answerNoSession, reachChallenge } from '../support/fake-steps.js';
import { field, partOf, stepAfter, typeInto } from '../support/login-driver.js';

describe('<custom-auth-login> in a Vue 3 app', () => {
  let container: HTMLElement;
  let app: VueApp;
  let fake: FakeAuthAdapter;
  /** The app's reactive state, changed by the tests from outside. */
  const userPoolId = ref('local_devpool');
  const renders = ref(0);
  const greeting = ref('Nobody is signed in.');
  /** What the app's own listeners saw. */
  let signedInNames: string[];
  let steps: AuthStep[];

  /** Mounts an app binding the pool id from state and greeting the user its listener reports. */
  async function mountApp(): Promise<CustomAuthLogin> {
    app = createApp({
      render() {
        const props: CustomAuthLoginVueProps = {
          userPoolId: userPoolId.value,
          userPoolClientId: 'localdevclient',
          adapter: fake,
          onAuthSignedIn: (event) => {
            signedInNames.push(event.detail.username);
            greeting.value = `Welcome, ${event.detail.username}.`;
          },
          onAuthStepChange: (event) => steps.push(event.detail.step),
        };
        return h('main', { 'data-renders': renders.value }, [
          h('custom-auth-login', props),
          h('p', { id: 'greeting' }, greeting.value),
        ]);
      },
    });
    app.mount(container);
    return container.querySelector('custom-auth-login')!;
  }

  beforeEach(() => {
    fake = new FakeAuthAdapter();
    userPoolId.value = 'local_devpool';
    greeting.value = 'Nobody is signed in.';
    signedInNames = [];
    steps = [];
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    app.unmount();
    container.remove();
  });

  it('is accessible as Vue renders it', async () => {
    const el = await mountApp();
    await answerNoSession(el, fake);
    await expect(el).to.be.accessible();
  });

  describe('when attributes are bound from state', () => {
    it('hands the bound pool settings to the auth library', async () => {
      const el = await mountApp();
      await el.updateComplete;
      expect(el.userPoolId).to.equal('local_devpool');
      expect(fake.configurations).to.deep.equal([{ userPoolId: 'local_devpool', userPoolClientId: 'localdevclient' }]);
    });

    it('applies a changed value when the state changes', async () => {
      const el = await mountApp();
      await answerNoSession(el, fake);
      userPoolId.value = 'local_otherpool';
      await nextTick();
      await el.updateComplete;
      expect(el.userPoolId).to.equal('local_otherpool');
      expect(fake.configurations.at(-1)?.userPoolId).to.equal('local_otherpool');
    });

    it('passes the adapter as a property, not as an attribute', async () => {
      const el = await mountApp();
      await el.updateComplete;
      expect(el.adapter).to.equal(fake);
      expect(el.hasAttribute('adapter')).to.be.false;
    });
  });

  describe('when the user signs in', () => {
    it("runs the app's auth-signed-in listener, which updates Vue state", async () => {
      const el = await mountApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      await stepAfter(el, () => void answerChallenge(el, fake, 'alice@example.com'));
      await nextTick();
      expect(signedInNames).to.deep.equal(['alice@example.com']);
      expect(container.querySelector('#greeting')?.textContent).to.equal('Welcome, alice@example.com.');
    });

    it('delivers every step change to the onAuthStepChange listener', async () => {
      const el = await mountApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      expect(steps).to.deep.equal(['username', 'challenge']);
    });
  });

  describe('when Vue re-renders the app during a sign-in', () => {
    it('keeps the same element on its step, with what the user typed', async () => {
      const el = await mountApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      typeInto(field(el, 'code-input'), '123');

      renders.value++;
      await nextTick();
      renders.value++;
      await nextTick();
      await el.updateComplete;

      expect(container.querySelector('main')?.dataset.renders).to.equal(String(renders.value));
      expect(container.querySelector('custom-auth-login')).to.equal(el);
      expect(el.getAttribute('step')).to.equal('challenge');
      expect(partOf<HTMLInputElement>(el, 'code-input').value).to.equal('123');
      expect(fake.count('signIn')).to.equal(1);
      expect(fake.count('getCurrentUser')).to.equal(1);
    });
  });
});
