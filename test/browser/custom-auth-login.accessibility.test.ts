import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { FakeAuthAdapter, customChallenge, signedIn } from './support/fake-auth-adapter.js';
import { FakeClock } from './support/fake-clock.js';
import {
  alice,
  detailAfter,
  errorText,
  field,
  focused,
  part,
  renderAtChallenge,
  renderLogin,
  renderSignedIn,
  renderSignedOut,
  submit,
  answerCall,
  signInCall,
  userPoolClientId,
  userPoolId,
} from './support/login-fixture.js';

/** Submits the current form and waits until the element shows that it is busy. */
async function busyAfterSubmit(el: CustomAuthLogin): Promise<CustomAuthLogin> {
  submit(el);
  await el.updateComplete;
  return el;
}

describe('<custom-auth-login> accessibility', () => {
  describe('passes axe', () => {
    let clock: FakeClock | undefined;
    afterEach(() => clock?.uninstall());

    const situations: Array<[string, () => Promise<CustomAuthLogin>]> = [
      ['while it looks for a stored session', () => renderLogin(new FakeAuthAdapter())],
      ['on the username step', async () => (await renderSignedOut()).el],
      ['on the username step of the SRP flow', async () => (await renderSignedOut({ authFlow: 'custom-with-srp' })).el],
      [
        'while sending the username',
        async () => {
          const { el, fake } = await renderSignedOut();
          await signInCall(el, fake);
          await el.updateComplete;
          return el;
        },
      ],
      [
        'while asking for a missing username',
        async () => {
          const { el } = await renderSignedOut();
          await detailAfter(el, 'auth-error', () => submit(el));
          return el;
        },
      ],
      [
        'while explaining a configuration problem',
        () => fixture<CustomAuthLogin>(html`<custom-auth-login .adapter=${new FakeAuthAdapter()}></custom-auth-login>`),
      ],
      ['on the challenge step', async () => (await renderAtChallenge()).el],
      ['while checking a code', async () => busyAfterSubmit((await renderAtChallenge({ codeLength: '6' })).el)],
      [
        'while showing a wrong-code error',
        async () => {
          const { el, fake } = await renderAtChallenge();
          const answer = await answerCall(el, fake, '000000');
          await detailAfter(el, 'auth-error', () => answer.resolve(customChallenge({ attemptsLeft: '2' })));
          return el;
        },
      ],
      [
        'once the code has expired',
        async () => {
          clock = new FakeClock();
          const { el } = await renderAtChallenge();
          await detailAfter(el, 'auth-error', () => clock!.advance(180));
          return el;
        },
      ],
      ['when signed in', async () => (await renderSignedIn()).el],
      [
        'while signing out',
        async () => {
          const { el } = await renderSignedIn();
          void el.signOut();
          await el.updateComplete;
          return el;
        },
      ],
      ['without a shadow root, on the username step', async () => (await renderSignedOut({ noShadow: true })).el],
      [
        'without a shadow root, on the challenge step',
        async () => (await renderAtChallenge(undefined, { noShadow: true })).el,
      ],
    ];

    for (const [situation, render] of situations) {
      it(situation, async () => {
        await expect(await render()).to.be.accessible();
      });
    }
  });

  it('labels every field with a real label', async () => {
    const { el } = await renderSignedOut({ authFlow: 'custom-with-srp' });
    expect(field(el, 'username-input').labels?.[0]?.textContent).to.equal('Username');
    expect(field(el, 'password-input').labels?.[0]?.textContent).to.equal('Password');

    const atChallenge = await renderAtChallenge();
    expect(field(atChallenge.el, 'code-input').labels?.[0]?.textContent).to.equal('Code');
  });

  it('describes the code field with the question and its hints', async () => {
    const { el } = await renderAtChallenge({ destination: 'a***@e***.com', codeLength: '6' });
    const ids = field(el, 'code-input').getAttribute('aria-describedby')!.split(' ');
    const descriptions = ids.map((id) => el.shadowRoot!.getElementById(id)?.textContent?.trim());
    expect(descriptions).to.have.members([
      'Enter the code we sent to a***@e***.com.',
      'The code has 6 characters.',
      'The code is valid for 3 minutes.',
    ]);
  });

  it('announces progress in a polite status region and failures in an alert', async () => {
    const { el } = await renderSignedOut();
    expect(part(el, 'status')?.getAttribute('role')).to.equal('status');
    expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
  });

  it('marks every error with a warning sign, so it is not told by colour alone', async () => {
    const { el } = await renderSignedOut();
    await detailAfter(el, 'auth-error', () => submit(el));
    const sign = getComputedStyle(part(el, 'error')!, '::before').content;
    expect(sign).to.contain('⚠');
    expect(errorText(el)).to.equal('Enter your username.');
  });

  describe('when the user has only a keyboard', () => {
    it('signs in with Tab, typing and Enter', async () => {
      const { el, fake } = await renderSignedOut();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal('username-input');
      await sendKeys({ type: 'alice@example.com' });
      await sendKeys({ press: 'Enter' });

      const signIn = await fake.nextCall('signIn');
      await detailAfter(el, 'auth-step-change', () =>
        signIn.resolve(customChallenge({ destination: 'a***@e***.com' })),
      );
      expect(focused(el)).to.equal('code-input');
      await sendKeys({ type: '123456' });
      await sendKeys({ press: 'Enter' });

      const answer = await fake.nextCall('confirmSignIn');
      expect(answer.input).to.equal('123456');
      answer.resolve(signedIn);
      (await fake.nextCall('getCurrentUser')).resolve(alice);
      await oneEvent(el, 'auth-signed-in');
      expect(focused(el)).to.equal('signed-in-view');
    });

    it('goes back to the username form with Escape on the challenge step, username kept and focused', async () => {
      const { el } = await renderAtChallenge();
      expect(focused(el)).to.equal('code-input');
      const changed = oneEvent(el, 'auth-step-change');
      await sendKeys({ press: 'Escape' });

      expect((await changed).detail).to.deep.equal({ step: 'username', previousStep: 'challenge' });
      expect(field(el, 'username-input').value).to.equal('alice@example.com');
      expect(focused(el)).to.equal('username-input');
    });

    it('reaches "Send a new code" and "Use a different username" with Tab', async () => {
      const { el } = await renderAtChallenge(undefined, { resendCooldown: 0 });
      await el.updateComplete;
      const reached: Array<string | null> = [];
      for (let press = 0; press < 3; press++) {
        await sendKeys({ press: 'Tab' });
        reached.push(focused(el));
      }
      expect(reached).to.deep.equal(['submit-button', 'resend-button', 'restart-button']);
    });
  });

  describe('when a control has keyboard focus', () => {
    it('draws a focus ring by default', async () => {
      const { el } = await renderSignedOut();
      await sendKeys({ press: 'Tab' });
      const { outlineStyle, outlineWidth } = getComputedStyle(field(el, 'username-input'));
      expect({ outlineStyle, outlineWidth }).to.deep.equal({ outlineStyle: 'solid', outlineWidth: '2px' });
    });

    it('draws the ring --cal-focus-ring describes', async () => {
      const { el } = await renderSignedOut();
      el.style.setProperty('--cal-focus-ring', '3px dashed rgb(200, 0, 100)');
      await sendKeys({ press: 'Tab' });
      const { outlineStyle, outlineWidth, outlineColor } = getComputedStyle(field(el, 'username-input'));
      expect({ outlineStyle, outlineWidth, outlineColor }).to.deep.equal({
        outlineStyle: 'dashed',
        outlineWidth: '3px',
        outlineColor: 'rgb(200, 0, 100)',
      });
    });
  });

  describe('when the user prefers reduced motion', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    /** The submit button's transition and its busy spinner's animation, while a call is out. */
    async function motion(): Promise<{ transition: string; spinner: string }> {
      const { el, fake } = await renderSignedOut();
      await signInCall(el, fake);
      await el.updateComplete;
      const button = part(el, 'submit-button')!;
      return {
        transition: getComputedStyle(button).transitionDuration,
        spinner: getComputedStyle(button, '::after').animationName,
      };
    }

    it('animates the busy spinner and transitions otherwise', async () => {
      expect(await motion()).to.deep.equal({ transition: '0.2s, 0.2s', spinner: 'cal-spin' });
    });

    it('stops both', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(await motion()).to.deep.equal({ transition: '0s', spinner: 'none' });
    });
  });

  describe('when the page has its own fields around it', () => {
    it('never takes focus on its own, not even when a sign-in elsewhere changes its step', async () => {
      const fake = new FakeAuthAdapter();
      const outside = await fixture<HTMLInputElement>(html`<input aria-label="elsewhere" />`);
      const el = await fixture<CustomAuthLogin>(html`
        <custom-auth-login user-pool-id=${userPoolId} user-pool-client-id=${userPoolClientId} .adapter=${fake}>
        </custom-auth-login>
      `);
      outside.focus();
      (await fake.nextCall('getCurrentUser')).reject(new Error('nobody'));
      await oneEvent(el, 'auth-step-change');
      fake.announce('signedIn');
      (await fake.nextCall('getCurrentUser')).resolve(alice);
      await oneEvent(el, 'auth-signed-in');
      expect(document.activeElement === outside, 'focus stays on the page’s field').to.equal(true);
    });
  });
});
