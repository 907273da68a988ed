import { expect, oneEvent } from '@open-wc/testing';
import {
  alice,
  answerChallenge,
  defaultChallenge,
  errorText,
  field,
  focused,
  openSignUp,
  part,
  renderSignedOut,
  stepAfter,
  submitSignUp,
  textOf,
} from './support/login-fixture.js';
import { authError, customChallenge, signUpDone } from './support/fake-auth-adapter.js';

const withSignUp = { signUp: true, signUpAttributes: 'name given_name' } as const;

describe('<custom-auth-login> sign-up (with a fake auth library)', function () {
  // The test server compiles the sign-up chunk on its first request, which can take seconds on a busy machine;
  // fetched once here, every element below finds it ready as a page's would after the first.
  before(async function (this: { timeout(ms: number): void }) {
    this.timeout(30_000);
    await import('../../src/steps/sign-up.js');
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
