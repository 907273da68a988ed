// <custom-auth-login> inside an Angular 21 app, through the standalone component docs/frameworks.md shows:
// Angular binds its attributes from signals, handles its events through `(event-name)` bindings, and runs change
// detection again without disturbing it. Angular compiles the component in the page, just in time.
import '@angular/compiler';
import { createComponent, provideZonelessChangeDetection, type ApplicationRef, type ComponentRef } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { expect } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter } from '../support/fake-auth-adapter.js';
import { answerChallenge, answerNoSession, reachChallenge } from '../support/fake-steps.js';
import { field, partOf, stepAfter, typeInto } from '../support/login-driver.js';
import { LoginComponent } from './support/login.component.js';

describe('<custom-auth-login> in an Angular 21 app', () => {
  let appRef: ApplicationRef;
  let login: ComponentRef<LoginComponent>;
  let host: HTMLElement;
  let fake: FakeAuthAdapter;

  /**
   * Renders the component into the page and returns its element, with the fake auth library in place of
   * Amplify. Angular renders synchronously here and the element starts its work only in a microtask after it
   * connects, so the fake is in place before the element's first call.
   */
  function renderApp(): CustomAuthLogin {
    login = createComponent(LoginComponent, { environmentInjector: appRef.injector, hostElement: host });
    appRef.attachView(login.hostView);
    login.changeDetectorRef.detectChanges();
    const el = host.querySelector<CustomAuthLogin>('custom-auth-login')!;
    el.adapter = fake;
    return el;
  }

  const greeting = () => host.querySelector('p')?.textContent ?? '';

  before(async () => {
    appRef = await createApplication({ providers: [provideZonelessChangeDetection()] });
  });
  after(() => appRef.destroy());

  beforeEach(() => {
    fake = new FakeAuthAdapter();
    host = document.createElement('app-login');
    document.body.append(host);
  });

  afterEach(() => {
    login.destroy();
    host.remove();
  });

  it('is accessible as Angular renders it', async () => {
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

    it('applies a changed value when the signal changes', async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      login.instance.userPoolId.set('local_otherpool');
      appRef.tick();
      await el.updateComplete;
      expect(el.getAttribute('user-pool-id')).to.equal('local_otherpool');
      expect(fake.configurations.at(-1)?.userPoolId).to.equal('local_otherpool');
    });
  });

  describe('when the user signs in', () => {
    it("runs the component's (auth-signed-in) handler, which updates its signal", async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      expect(greeting()).to.equal('');
      await stepAfter(el, () => void answerChallenge(el, fake, 'alice@example.com'));
      expect(login.instance.user()).to.equal('alice@example.com');
      appRef.tick();
      expect(greeting()).to.equal('Welcome, alice@example.com.');
    });
  });

  describe('when Angular runs change detection during a sign-in', () => {
    it('keeps the same element on its step, with what the user typed', async () => {
      const el = renderApp();
      await answerNoSession(el, fake);
      await reachChallenge(el, fake, 'alice@example.com');
      typeInto(field(el, 'code-input'), '123');

      appRef.tick();
      login.changeDetectorRef.detectChanges();
      await el.updateComplete;

      expect(host.querySelector('custom-auth-login')).to.equal(el);
      expect(el.getAttribute('step')).to.equal('challenge');
      expect(partOf<HTMLInputElement>(el, 'code-input').value).to.equal('123');
      expect(fake.count('signIn')).to.equal(1);
      expect(fake.count('getCurrentUser')).to.equal(1);
    });
  });
});
