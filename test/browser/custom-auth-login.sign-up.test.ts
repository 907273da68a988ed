import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import {
  alice,
  answerChallenge,
  defaultChallenge,
  errorText,
  field,
  focused,
  openSignUp,
  part,
  partOf,
  renderSignedOut,
  stepAfter,
  submitCode,
  submitSignUp,
  textOf,
} from './support/login-fixture.js';
import {
  authError,
  autoSignInReady,
  codeSent,
  customChallenge,
  signedIn,
  signUpCodeSent,
  signUpDone,
  type FakeAuthAdapter,
} from './support/fake-auth-adapter.js';

const withSignUp = { signUp: true, signUpAttributes: 'name given_name' } as const;

describe('<custom-auth-login> sign-up (with a fake auth library)', function () {
  // The test server compiles the sign-up chunk on its first request, which can take seconds on a busy machine;
  // fetched once here, every element below finds it ready as a page's would after the first.
  before(async function (this: { timeout(ms: number): void }) {
    this.timeout(30_000);
    await Promise.all([import('../../src/steps/sign-up.js'), import('../../src/user-auth.js')]);
  });
  describe('accessibility', () => {
    it('is accessible on the username step with its sign-up button and on the sign-up step', async () => {
      const { el } = await renderSignedOut(withSignUp);
      await openSignUp(el);
      await stepAfter(el, () => part(el, 'to-sign-in-button')!.click());
      await expect(el).to.be.accessible();
      await openSignUp(el);
      await expect(el).to.be.accessible();
    });

    it('labels the address and each extra field, with the autocomplete a browser needs', async () => {
      const { el } = await renderSignedOut(withSignUp);
      await openSignUp(el);
      const inputs = [
        field(el, 'username-input'),
        ...(el.shadowRoot!.querySelectorAll('[part="attribute-input"]') as NodeListOf<HTMLInputElement>),
      ];
      expect(
        inputs.map((input) => [input.name, input.type, input.autocomplete, input.labels?.[0]?.textContent?.trim()]),
      ).to.deep.equal([
        ['email', 'email', 'email', 'Email'],
        ['name', 'text', 'name', 'Name'],
        ['given_name', 'text', 'given-name', 'First name'],
      ]);
    });
  });

  describe('without the sign-up attribute', () => {
    it('offers no way to sign up', async () => {
      const { el } = await renderSignedOut();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(part(el, 'to-sign-up-button')).to.equal(null);
    });
  });

  describe('when the user switches between the forms', () => {
    it('moves focus to the address, keeps what was typed, and comes back to signing in', async () => {
      const { el } = await renderSignedOut(withSignUp);
      field(el, 'username-input').value = 'typed@example.com';
      field(el, 'username-input').dispatchEvent(new InputEvent('input'));
      expect(await openSignUp(el)).to.equal('sign-up');
      expect(el.getAttribute('step')).to.equal('sign-up');
      expect(focused(el)).to.equal('username-input');
      expect(field(el, 'username-input').value).to.equal('typed@example.com');
      expect(await stepAfter(el, () => part(el, 'to-sign-in-button')!.click())).to.equal('username');
      expect(focused(el)).to.equal('username-input');
    });

    it('is not offered with the password flow, whose password a new account would not have', async () => {
      const { el } = await renderSignedOut({ ...withSignUp, authFlow: 'custom-with-srp' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(part(el, 'to-sign-up-button')).to.equal(null);
    });
  });

  describe('when the form is submitted', () => {
    it('signs the address up with a strong random password and the extra attributes, then asks for the code', async () => {
      const { el, fake } = await renderSignedOut(withSignUp);
      await openSignUp(el);
      submitSignUp(el, ' new@example.com ', { name: 'Ann Example', given_name: '' });
      const signUp = await fake.nextCall('signUp');
      expect(signUp.input.username).to.equal('new@example.com');
      expect(signUp.input.attributes).to.deep.equal({ name: 'Ann Example' });
      expect(signUp.input.password).to.have.length.of.at.least(99);
      expect(textOf(el, 'status')).to.equal('Sending your code…');

      signUp.resolve(signUpDone);
      const signIn = await fake.nextCall('signIn');
      expect(signIn.input).to.deep.equal({ username: 'new@example.com', authFlowType: 'CUSTOM_WITHOUT_SRP' });
      const step = await stepAfter(el, () => signIn.resolve(customChallenge(defaultChallenge)));
      expect(step).to.equal('challenge');
      expect(el.shadowRoot!.innerHTML).not.to.contain(signUp.input.password);

      const signedIn = oneEvent(el, 'auth-signed-in');
      await answerChallenge(el, fake, { ...alice, loginId: 'new@example.com' });
      expect((await signedIn).detail).to.deep.include({ loginId: 'new@example.com', newUser: true, restored: false });
    });

    it('goes on to the same sign-in, without an error, when the address already has an account', async () => {
      const { el, fake } = await renderSignedOut(withSignUp);
      await openSignUp(el);
      submitSignUp(el, alice.loginId);
      (await fake.nextCall('signUp')).reject(
        authError('UsernameExistsException', 'An account with the given email already exists.'),
      );
      const signIn = await fake.nextCall('signIn');
      expect(errorText(el)).to.equal('');
      await stepAfter(el, () => signIn.resolve(customChallenge(defaultChallenge)));
      const signedIn = oneEvent(el, 'auth-signed-in');
      await answerChallenge(el, fake, alice);
      expect((await signedIn).detail).to.deep.include({ newUser: false });
    });

    it('refuses an address that is not one before any call, marking the field', async () => {
      const { el, fake } = await renderSignedOut(withSignUp);
      await openSignUp(el);
      const error = oneEvent(el, 'auth-error');
      submitSignUp(el, 'alice');
      expect((await error).detail).to.deep.include({ step: 'sign-up', name: 'InvalidEmail' });
      expect(errorText(el)).to.equal('Enter a valid email address.');
      expect(field(el, 'username-input').getAttribute('aria-invalid')).to.equal('true');
      expect(focused(el)).to.equal('username-input');
      expect(fake.count('signUp')).to.equal(0);
    });

    it('says so when the pool takes no sign-ups, and stays on the form for another try', async () => {
      const { el, fake } = await renderSignedOut(withSignUp);
      await openSignUp(el);
      submitSignUp(el, 'new@example.com');
      const error = oneEvent(el, 'auth-error');
      (await fake.nextCall('signUp')).reject(
        authError('NotAuthorizedException', 'SignUp is not permitted for this user pool'),
      );
      await error;
      expect(errorText(el)).to.equal('New accounts cannot be created here. Sign in with an existing account.');
      expect(el.getAttribute('step')).to.equal('sign-up');
      expect(fake.count('signIn')).to.equal(0);
    });
  });

  describe('with auth-flow="user-auth" (Cognito\'s passwordless sign-up)', () => {
    const passwordless = { ...withSignUp, authFlow: 'user-auth' } as const;
    const newUser = { username: 'uuid-new', userId: 'uuid-new', loginId: 'new@example.com' };

    /** Signs new@example.com up and lets Cognito send its code; resolves on the code's step. */
    async function reachSignUpCode(resendCooldown?: number): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
      const { el, fake } = await renderSignedOut({
        ...passwordless,
        ...(resendCooldown === undefined ? {} : { resendCooldown }),
      });
      await openSignUp(el);
      submitSignUp(el, 'new@example.com', { name: 'Ann Example' });
      const signUp = await fake.nextCall('signUp');
      expect(await stepAfter(el, () => signUp.resolve(signUpCodeSent('n***@e***.com')))).to.equal('challenge');
      return { el, fake };
    }

    it('signs up without a password, asks for the code Cognito sent, and is accessible there', async () => {
      const { el, fake } = await renderSignedOut(passwordless);
      await openSignUp(el);
      submitSignUp(el, 'new@example.com', { name: 'Ann Example' });
      const signUp = await fake.nextCall('signUp');
      expect(signUp.input).to.deep.equal({ username: 'new@example.com', attributes: { name: 'Ann Example' } });

      const changed = oneEvent(el, 'auth-step-change');
      signUp.resolve(signUpCodeSent('n***@e***.com'));
      expect((await changed).detail).to.deep.include({
        step: 'challenge',
        challengeParameters: { deliveryMedium: 'EMAIL', destination: 'n***@e***.com' },
      });
      expect(textOf(el, 'prompt')).to.equal('Enter the code we sent to n***@e***.com.');
      expect(focused(el)).to.equal('code-input');
      expect(fake.count('signIn')).to.equal(0, 'no sign-in: the code confirms the account');
      await expect(el).to.be.accessible();
    });

    it('confirms the account with the code typed, then signs in with the auto sign-in: no second code', async () => {
      const { el, fake } = await reachSignUpCode();
      submitCode(el, '123 456');
      const confirm = await fake.nextCall('confirmSignUp');
      expect(confirm.input).to.deep.equal({ username: 'new@example.com', code: '123456' });
      await waitUntil(() => textOf(el, 'status') === 'Checking your code…', 'no status while the code is checked');

      confirm.resolve(autoSignInReady);
      const signedInEvent = oneEvent(el, 'auth-signed-in');
      (await fake.nextCall('autoSignIn')).resolve(signedIn);
      (await fake.nextCall('getCurrentUser')).resolve(newUser);
      expect((await signedInEvent).detail).to.deep.include({ loginId: 'new@example.com', newUser: true });
      expect([fake.count('signIn'), fake.count('confirmSignIn')]).to.deep.equal([0, 0]);
    });

    it('says a wrong code is wrong, keeps it in the field, and takes the right one', async () => {
      const { el, fake } = await reachSignUpCode();
      submitCode(el, '111111');
      const wrong = oneEvent(el, 'auth-error');
      (await fake.nextCall('confirmSignUp')).reject(authError('CodeMismatchException', 'Invalid verification code'));
      expect((await wrong).detail).to.deep.include({ step: 'challenge', name: 'CodeMismatchException' });
      expect(errorText(el)).to.equal('That code is not right. Try again.');
      expect(field(el, 'code-input').value).to.equal('111111');
      expect(focused(el)).to.equal('code-input');

      submitCode(el, '123456');
      (await fake.nextCall('confirmSignUp')).resolve(autoSignInReady);
      (await fake.nextCall('autoSignIn')).resolve(signedIn);
      const lookup = await fake.nextCall('getCurrentUser');
      expect(await stepAfter(el, () => lookup.resolve(newUser))).to.equal('signed-in');
    });

    it('sends a new code with "Send a new code" and asks for that one', async () => {
      const { el, fake } = await reachSignUpCode(0);
      field(el, 'code-input').value = '999';
      field(el, 'code-input').dispatchEvent(new InputEvent('input'));
      partOf(el, 'resend-button').click();
      const resend = await fake.nextCall('resendSignUpCode');
      expect(resend.input).to.equal('new@example.com');
      await waitUntil(() => textOf(el, 'status') === 'Sending your code…', 'no status while the code is sent');
      resend.resolve({ deliveryMedium: 'EMAIL', destination: 'n***@e***.com' });
      await waitUntil(() => field(el, 'code-input').value === '', 'the field still holds the old code');
      expect(focused(el)).to.equal('code-input');
      expect(fake.count('signIn')).to.equal(0);
    });

    it('keeps the code typed when the network fails, and takes it again', async () => {
      const { el, fake } = await reachSignUpCode();
      submitCode(el, '123456');
      const failure = oneEvent(el, 'auth-error');
      (await fake.nextCall('confirmSignUp')).reject(
        Object.assign(new TypeError('Failed to fetch'), { name: 'TypeError' }),
      );
      await failure;
      expect(errorText(el)).to.equal('Cannot reach the sign-in service. Check your connection, then try again.');
      expect(field(el, 'code-input').value).to.equal('123456');
      partOf(el, 'submit-button').click();
      expect((await fake.nextCall('confirmSignUp')).input.code).to.equal('123456');
    });

    it('goes on with the code of a sign-in when the pool confirmed the account at once', async () => {
      const { el, fake } = await renderSignedOut(passwordless);
      await openSignUp(el);
      submitSignUp(el, 'new@example.com');
      (await fake.nextCall('signUp')).resolve(autoSignInReady);
      const auto = await fake.nextCall('autoSignIn');
      expect(await stepAfter(el, () => auto.resolve(codeSent('EMAIL_OTP', 'n***@e***.com')))).to.equal('challenge');
      submitCode(el, '12345678');
      const answer = await fake.nextCall('confirmSignIn');
      expect(answer.input).to.equal('12345678');
      answer.resolve(signedIn);
      const signedInEvent = oneEvent(el, 'auth-signed-in');
      (await fake.nextCall('getCurrentUser')).resolve(newUser);
      expect((await signedInEvent).detail).to.deep.include({ newUser: true });
    });

    it('confirms an account left unconfirmed when its owner comes back to sign in (after a reload)', async () => {
      const { el, fake } = await renderSignedOut(passwordless);
      const signIn = await (async () => {
        field(el, 'username-input').value = 'new@example.com';
        field(el, 'username-input').dispatchEvent(new InputEvent('input'));
        partOf(el, 'submit-button').click();
        return fake.nextCall('signIn');
      })();
      signIn.resolve({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } });
      const resend = await fake.nextCall('resendSignUpCode');
      expect(resend.input).to.equal('new@example.com');
      expect(
        await stepAfter(el, () => resend.resolve({ deliveryMedium: 'EMAIL', destination: 'n***@e***.com' })),
      ).to.equal('challenge');

      submitCode(el, '123456');
      // Amplify's auto sign-in did not survive the reload: the confirmation says DONE, and a sign-in follows.
      (await fake.nextCall('confirmSignUp')).resolve(signUpDone);
      const again = await fake.nextCall('signIn');
      expect(again.input).to.deep.include({ username: 'new@example.com', authFlowType: 'USER_AUTH' });
    });
  });

  describe('in German', () => {
    it('speaks German on both forms', async () => {
      const { el } = await renderSignedOut({ ...withSignUp, lang: 'de' });
      await openSignUp(el);
      expect(textOf(el, 'submit-button')).to.equal('Konto erstellen');
      expect(textOf(el, 'to-sign-in-button')).to.equal('Ich habe bereits ein Konto');
      expect(field(el, 'username-input').labels?.[0]?.textContent?.trim()).to.equal('E-Mail');
    });
  });
});
