import { expect, oneEvent } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { customChallenge } from './support/fake-auth-adapter.js';
import { FakeClock } from './support/fake-clock.js';
import {
  detailAfter,
  errorText,
  field,
  focused,
  part,
  renderAtChallenge,
  submit,
  answerCall,
  textOf,
  type LoginOptions,
} from './support/login-fixture.js';

/** The resend button, failing the test when it is not rendered. */
function resendButton(el: CustomAuthLogin): HTMLButtonElement {
  const button = part<HTMLButtonElement>(el, 'resend-button');
  if (!button) throw new Error('no resend button is rendered');
  return button;
}

describe('<custom-auth-login> new codes and expiry', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });
  afterEach(() => clock.uninstall());

  /** The element on the challenge step, `seconds` after the code was sent. */
  async function atChallengeAfter(seconds: number, options: LoginOptions = {}) {
    const rendered = await renderAtChallenge(undefined, options);
    clock.advance(seconds);
    await rendered.el.updateComplete;
    return rendered;
  }

  /** Lets the cooldown pass and asks for a new code; resolves with the sign-in call it made. */
  async function requestNewCode(el: CustomAuthLogin, fake: Awaited<ReturnType<typeof renderAtChallenge>>['fake']) {
    clock.advance(30);
    await el.updateComplete;
    resendButton(el).click();
    return fake.nextCall('signIn');
  }

  describe('while the resend cooldown runs', () => {
    it('counts down on the button, which stays disabled', async () => {
      const { el } = await atChallengeAfter(5);
      expect(textOf(el, 'resend-button')).to.equal('Send a new code in 25 s');
      expect(resendButton(el).disabled).to.equal(true);

      clock.advance(24);
      await el.updateComplete;
      expect(textOf(el, 'resend-button')).to.equal('Send a new code in 1 s');
    });

    it('keeps the live region quiet: only the button text changes each second', async () => {
      const { el } = await atChallengeAfter(1);
      const status = part(el, 'status')!;
      const announced: string[] = [];
      new MutationObserver(() => announced.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      for (let second = 0; second < 10; second++) {
        clock.advance(1);
        await el.updateComplete;
      }
      expect(announced).to.deep.equal([]);
    });

    it('takes its length from resend-cooldown', async () => {
      const { el } = await atChallengeAfter(0, { resendCooldown: 10 });
      expect(textOf(el, 'resend-button')).to.equal('Send a new code in 10 s');
    });
  });

  describe('when the cooldown is over', () => {
    it('enables the button and says once, politely, that a new code can be sent', async () => {
      const { el } = await atChallengeAfter(30);
      expect(resendButton(el).disabled).to.equal(false);
      expect(textOf(el, 'resend-button')).to.equal('Send a new code');
      expect(textOf(el, 'status')).to.equal('You can now send a new code.');
    });
  });

  describe('when the user asks for a new code', () => {
    it('starts the sign-in again for the same username, saying it is sending', async () => {
      const { el, fake } = await atChallengeAfter(0);
      const signIn = await requestNewCode(el, fake);
      expect(signIn.input).to.deep.equal({ username: 'alice@example.com', authFlowType: 'CUSTOM_WITHOUT_SRP' });
      await el.updateComplete;
      expect(textOf(el, 'status')).to.equal('Sending your code…');
      expect(resendButton(el).disabled).to.equal(true);
    });

    it('stays on the challenge with a fresh field, focus in it and the cooldown restarted, and no error', async () => {
      const { el, fake } = await atChallengeAfter(0);
      const signIn = await requestNewCode(el, fake);
      el.addEventListener('auth-error', () => expect.fail('a new code is not a wrong answer'));
      el.addEventListener('auth-step-change', () => expect.fail('the step does not change'));
      signIn.resolve(customChallenge({ destination: 'a***@e***.com', attemptsLeft: '3' }));
      await signIn.settled;
      await el.updateComplete;

      expect(el.step).to.equal('challenge');
      expect(field(el, 'code-input').value).to.equal('');
      expect(focused(el)).to.equal('code-input');
      expect(textOf(el, 'resend-button')).to.equal('Send a new code in 30 s');
      expect(errorText(el)).to.equal('');
    });

    it('in the SRP flow, sends the password again without asking for it', async () => {
      const { el, fake } = await atChallengeAfter(0, { authFlow: 'custom-with-srp' });
      const signIn = await requestNewCode(el, fake);
      expect(signIn.input).to.deep.equal({
        username: 'alice@example.com',
        password: 'Correct-Horse-42',
        authFlowType: 'CUSTOM_WITH_SRP',
      });
    });

    it('in the SRP flow, asks for the password again once the challenge is left', async () => {
      const { el, fake } = await atChallengeAfter(0, { authFlow: 'custom-with-srp' });
      await detailAfter(el, 'auth-step-change', () => el.reset());
      expect(field(el, 'password-input').value).to.equal('');
      expect(field(el, 'username-input').value).to.equal('alice@example.com');

      const detail = await detailAfter(el, 'auth-error', () => submit(el));
      expect(detail.name).to.equal('EmptySignInPassword');
      expect(fake.count('signIn')).to.equal(1);
    });
  });

  describe('when the code is about to expire', () => {
    it('says how long it is valid, from code-lifetime', async () => {
      const hints = (el: CustomAuthLogin) =>
        [...el.shadowRoot!.querySelectorAll('[part~="hint"]')].map((hint) => hint.textContent?.trim());
      expect(hints((await atChallengeAfter(0)).el)).to.include('The code is valid for 3 minutes.');
      expect(hints((await atChallengeAfter(0, { codeLifetime: 90 })).el)).to.include(
        'The code is valid for 90 seconds.',
      );
    });

    it('still accepts an answer a second before the end', async () => {
      const { el, fake } = await atChallengeAfter(179);
      expect(field(el, 'code-input').disabled).to.equal(false);
      expect((await answerCall(el, fake)).input).to.equal('123456');
    });
  });

  describe('when the code has expired', () => {
    async function expired() {
      const rendered = await atChallengeAfter(179);
      const detail = await detailAfter(rendered.el, 'auth-error', () => clock.advance(1));
      await rendered.el.updateComplete;
      return { ...rendered, detail };
    }

    it('says so and closes the code field instead of letting the user type into a dead session', async () => {
      const { el, detail } = await expired();
      expect(detail).to.deep.equal({
        step: 'challenge',
        name: 'CodeExpired',
        message: 'Your code has expired. Request a new one.',
      });
      expect(el.step).to.equal('challenge');
      expect(errorText(el)).to.equal('Your code has expired. Request a new one.');
      expect(field(el, 'code-input').disabled).to.equal(true);
      expect(part<HTMLButtonElement>(el, 'submit-button')!.disabled).to.equal(true);
    });

    it('offers a new code right away, with focus on it', async () => {
      const { el, fake } = await expired();
      expect(resendButton(el).disabled).to.equal(false);
      expect(focused(el)).to.equal('resend-button');
      resendButton(el).click();
      expect((await fake.nextCall('signIn')).input.username).to.equal('alice@example.com');
    });

    it('opens the field again for the new code', async () => {
      const { el, fake } = await expired();
      resendButton(el).click();
      const signIn = await fake.nextCall('signIn');
      signIn.resolve(customChallenge({ destination: 'a***@e***.com' }));
      await signIn.settled;
      await el.updateComplete;
      expect(field(el, 'code-input').disabled).to.equal(false);
      expect(errorText(el)).to.equal('');
    });

    it('stops ticking', async () => {
      await expired();
      expect(clock.running).to.equal(0);
    });
  });

  describe('when the user uses a different username', () => {
    it('goes back to the first form with the username kept and stops the countdown', async () => {
      const { el } = await atChallengeAfter(3);
      expect(clock.running).to.equal(1);
      const changed = oneEvent(el, 'auth-step-change');
      part<HTMLButtonElement>(el, 'restart-button')!.click();

      expect((await changed).detail.step).to.equal('username');
      expect(textOf(el, 'restart-button')).to.equal('');
      expect(field(el, 'username-input').value).to.equal('alice@example.com');
      expect(clock.running).to.equal(0);
    });
  });

  describe('when the element leaves the page', () => {
    it('stops its countdown, and resumes it when it comes back', async () => {
      const { el } = await atChallengeAfter(3);
      const parent = el.parentNode!;
      el.remove();
      expect(clock.running).to.equal(0);

      parent.append(el);
      await el.updateComplete;
      expect(clock.running).to.equal(1);
    });
  });
});
