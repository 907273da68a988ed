// <custom-auth-login> inside a React 19 app: React sets its attributes from state, passes the adapter as a
// property, handles its events through `on<event-name>` props, and re-renders without disturbing it.
import { expect, waitUntil } from '@open-wc/testing';
import type { ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import type { AuthStep, CustomAuthLogin } from '../../../src/custom-auth-login.js';
import type { CustomAuthLoginReactProps } from '../../../src/frameworks/react.js';
import '../../../src/custom-auth-login.js';
import { FakeAuthAdapter } from '../support/fake-auth-adapter.js';
import { answerChallenge, answerNoSession, reachChallenge } from '../support/fake-steps.js';
import { field, partOf, stepAfter, typeInto } from '../support/login-driver.js';
import { loadReact, type ReactRuntime } from './support/load-react.js';

/** What the test can do to the app's state from outside. */
interface AppControls {
  setUserPoolId(id: string): void;
  rerender(): void;
}

describe('<custom-auth-login> in a React 19 app', () => {
  let react: ReactRuntime;
  let container: HTMLElement;
  let root: Root;
  let fake: FakeAuthAdapter;
  let controls: AppControls;
  /** What the app's own handlers saw. */
  let signedInNames: string[];
  let steps: AuthStep[];

  before(async () => {
    react = await loadReact();
  });

  /** An app keeping the pool id in state, greeting the user its `onauth-signed-in` handler reports. */
  function App(): ReactNode {
    const { createElement: h, useReducer, useState } = react.React;
    const [userPoolId, setUserPoolId] = useState('local_devpool');
    const [greeting, setGreeting] = useState('Nobody is signed in.');
    const [, rerender] = useReducer((count: number) => count + 1, 0);
    controls = { setUserPoolId, rerender };
    const props: CustomAuthLoginReactProps = {
      'user-pool-id': userPoolId,
      'user-pool-client-id': 'localdevclient',
      adapter: fake,
      'onauth-signed-in': (event) => {
        signedInNames.push(event.detail.username);
        setGreeting(`Welcome, ${event.detail.username}.`);
      },
      'onauth-step-change': (event) => steps.push(event.detail.step),
    };
    return h('main', null, h('custom-auth-login', props), h('p', { id: 'greeting' }, greeting));
  }

  /** Renders the app and returns its element; React has committed when this returns. */
  function renderApp(): CustomAuthLogin {
    react.ReactDOM.flushSync(() => root.render(react.React.createElement(App)));
    return container.querySelector('custom-auth-login')!;
  }

  /** Applies a state change and lets React commit it. */
  function commit(change: () => void): void {
    react.ReactDOM.flushSync(change);
  }

  beforeEach(() => {
    fake = new FakeAuthAdapter();
    signedInNames = [];
    steps = [];
    container = document.createElement('div');
    document.body.append(container);
    root = react.ReactDOMClient.createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('is accessible as React renders it', async () => {
    const el = renderApp();
    await answerNoSession(el, fake);
    await expect(el).to.be.accessible();
  });

  describe('when attributes are bound from state', () => {
    it('hands the bound pool settings to the auth library', async () => {
      const el = renderApp();
      await el.updateComplete;
      expect(el.getAttribute('user-pool-id')).to.equal('local_devpool');
      expect(fake.configurations).to.deep.equal([{ userPoolId: 'local_devpool', userPoolClientId: 'localdevclient' }]);
    });

    it('applies a changed value when the state changes', async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      commit(() => controls.setUserPoolId('local_otherpool'));
      await el.updateComplete;
      expect(el.getAttribute('user-pool-id')).to.equal('local_otherpool');
      expect(fake.configurations.at(-1)?.userPoolId).to.equal('local_otherpool');
    });

    it('passes the adapter as a property, not as an attribute', async () => {
      const el = renderApp();
      await el.updateComplete;
      expect(el.adapter).to.equal(fake);
      expect(el.hasAttribute('adapter')).to.be.false;
    });
  });

  describe('when the user signs in', () => {
    it("runs the app's onauth-signed-in handler, which updates React state", async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      await stepAfter(el, () => void answerChallenge(el, fake, 'alice@example.com'));
      expect(signedInNames).to.deep.equal(['alice@example.com']);
      // React commits a state change from a native event on its own schedule (a frame on a busy machine or later).
      const greeting = () => container.querySelector('#greeting')?.textContent;
      await waitUntil(() => greeting() !== 'Nobody is signed in.', 'React renders the app again');
      expect(greeting()).to.equal('Welcome, alice@example.com.');
    });

    it('delivers every hyphenated event name to the handler prop of exactly that name', async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      expect(steps).to.deep.equal(['username', 'challenge']);
    });
  });

  describe('when React re-renders the app during a sign-in', () => {
    it('keeps the same element on its step, with what the user typed', async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      typeInto(field(el, 'code-input'), '123');

      commit(() => controls.rerender());
      commit(() => controls.rerender());
      await el.updateComplete;

      expect(container.querySelector('custom-auth-login')).to.equal(el);
      expect(el.getAttribute('step')).to.equal('challenge');
      expect(partOf<HTMLInputElement>(el, 'code-input').value).to.equal('123');
      expect(fake.count('signIn')).to.equal(1);
      expect(fake.count('getCurrentUser')).to.equal(1);
    });
  });
});
