/**
 * `auth-flow="user-auth"` with a fake auth library: the `choose` step, codes by email and SMS on the challenge
 * step, the passkey prompt and its failures, and the passkeys of the signed-in view.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { authError, codeSent, firstFactorSelection, signedIn } from './support/fake-auth-adapter.js';
import type { FakeAuthAdapter } from './support/fake-auth-adapter.js';
import {
  alice,
  errorText,
  focused,
  methodsOffered,
  part,
  partOf,
  pickMethod,
  renderSignedOut,
  signInCall,
  stepAfter,
  submitCode,
  textOf,
} from './support/login-fixture.js';

const offered = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
const passkey = { credentialId: 'cred-1', name: 'Chrome on this laptop', createdAt: new Date(Date.UTC(2026, 11, 2)) };

/** An element with `auth-flow="user-auth"` on its first form (and `lang`, when given). */
const renderUserAuth = (lang?: string) => renderSignedOut({ authFlow: 'user-auth', ...(lang ? { lang } : {}) });

/** Submits alice's address and lets the pool offer `methods`; resolves on the `choose` step. */
async function reachChoose(el: CustomAuthLogin, fake: FakeAuthAdapter, methods = offered): Promise<void> {
  const signIn = await signInCall(el, fake, alice.loginId);
  expect(await stepAfter(el, () => signIn.resolve(firstFactorSelection(methods)))).to.equal('choose');
}

/** From the first form through an emailed code to signed in; resolves once the passkeys are asked for. */
async function signInWithCode(el: CustomAuthLogin, fake: FakeAuthAdapter): Promise<void> {
  await reachChoose(el, fake);
  pickMethod(el, 'EMAIL_OTP');
  const pick = await fake.nextCall('confirmSignIn');
  await stepAfter(el, () => pick.resolve(codeSent('EMAIL_OTP', 'a***@e***.com')));
  submitCode(el, '12345678');
  (await fake.nextCall('confirmSignIn')).resolve(signedIn);
  const lookup = await fake.nextCall('getCurrentUser');
  await stepAfter(el, () => lookup.resolve(alice));
}

/** The names the passkey list shows. */
const listed = (el: CustomAuthLogin) =>
  [...partOf(el, 'passkey-list').querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());

describe('<custom-auth-login> auth-flow="user-auth" (with a fake auth library)', function () {
  // The test server compiles the chunk on its first request; fetched once here, as a page's would be after the first.
  before(async function (this: { timeout(ms: number): void }) {
    this.timeout(30_000);
    await import('../../src/user-auth.js');
  });

  describe('accessibility', () => {
    it('is accessible on the choose step, after a failed passkey prompt and with passkeys listed', async () => {
      const { el, fake } = await renderUserAuth();
      await reachChoose(el, fake);
      await expect(el).to.be.accessible();

      pickMethod(el, 'WEB_AUTHN');
      (await fake.nextCall('confirmSignIn')).reject(authError('PasskeyAuthenticationCanceled', 'closed'));
      await waitUntil(() => errorText(el) !== '', 'no error shown');
      await expect(el).to.be.accessible();
    });

    it('is accessible in the signed-in view with its passkeys', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).resolve([passkey]);
      await waitUntil(() => listed(el).length === 1, 'the passkey is not listed');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the pool offers a choice', () => {
    it('asks Amplify for USER_AUTH without a preference, then lists each factor as a button naming it', async () => {
      const { el, fake } = await renderUserAuth();
      const signIn = await signInCall(el, fake, alice.loginId);
      expect(signIn.input.authFlowType).to.equal('USER_AUTH');
      expect(signIn.input).not.to.have.property('preferredChallenge');

      await stepAfter(el, () => signIn.resolve(firstFactorSelection(['EMAIL_OTP', 'PASSWORD', 'WEB_AUTHN'])));

      expect(el.getAttribute('step')).to.equal('choose');
      expect(methodsOffered(el)).to.deep.equal(
        ['WEB_AUTHN', 'EMAIL_OTP'],
        'no password: this form has no field for it',
      );
      expect(textOf(el, 'prompt')).to.equal('How do you want to sign in?');
      const labels = [...el.shadowRoot!.querySelectorAll('[part~="method-button"]')].map((b) => b.textContent!.trim());
      expect(labels).to.deep.equal(['Use a passkey', 'Email me a code']);
      expect(focused(el)).to.equal('method-button');
    });

    it('sends the code the user picks and asks for it on the challenge step', async () => {
      const { el, fake } = await renderUserAuth();
      await reachChoose(el, fake);

      pickMethod(el, 'EMAIL_OTP');
      const pick = await fake.nextCall('confirmSignIn');
      expect(pick.input).to.equal('EMAIL_OTP');
      await waitUntil(() => textOf(el, 'status') === 'Sending your code…', 'no status while the code is sent');

      expect(await stepAfter(el, () => pick.resolve(codeSent('EMAIL_OTP', 'a***@e***.com')))).to.equal('challenge');
      expect(textOf(el, 'prompt')).to.equal('Enter the code we sent to a***@e***.com.');
      expect(focused(el)).to.equal('code-input');
    });

    it('says it is waiting for the passkey while the browser asks for it', async () => {
      const { el, fake } = await renderUserAuth();
      await reachChoose(el, fake);

      pickMethod(el, 'WEB_AUTHN');
      const pick = await fake.nextCall('confirmSignIn');

      expect(pick.input).to.equal('WEB_AUTHN');
      await waitUntil(
        () => textOf(el, 'status') === 'Use your passkey when your browser asks…',
        'no status while the passkey prompt is open',
      );
      expect(partOf<HTMLButtonElement>(el, 'method-button').disabled).to.equal(true);
    });

    it('goes "Use a different username" back to the first form', async () => {
      const { el, fake } = await renderUserAuth();
      await reachChoose(el, fake);
      expect(await stepAfter(el, () => partOf(el, 'restart-button').click())).to.equal('username');
    });
  });

  describe('when the passkey prompt fails', () => {
    for (const [name, text] of [
      ['PasskeyAuthenticationCanceled', 'The passkey was not used. Try it again, or choose another way to sign in.'],
      ['PasskeyNotSupported', 'A passkey cannot be used here. Choose another way to sign in.'],
    ] as const) {
      it(`stays on the choice with a readable reason and a way on (${name})`, async () => {
        const { el, fake } = await renderUserAuth();
        await reachChoose(el, fake);
        pickMethod(el, 'WEB_AUTHN');
        const pick = await fake.nextCall('confirmSignIn');
        const reported = new Promise<CustomEvent>((resolve) =>
          el.addEventListener('auth-error', resolve, { once: true }),
        );

        pick.reject(authError(name, 'the prompt failed'));

        expect((await reported).detail).to.deep.include({ step: 'choose', name });
        expect(errorText(el)).to.equal(text);
        expect(methodsOffered(el)).to.deep.equal(['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP']);
        expect(partOf<HTMLButtonElement>(el, 'method-button').disabled).to.equal(false);
        expect(focused(el)).to.equal('method-button');

        pickMethod(el, 'EMAIL_OTP');
        expect((await fake.nextCall('confirmSignIn')).input).to.equal('EMAIL_OTP');
      });
    }

    it('starts a new sign-in for the picked code when Cognito will not switch the old one', async () => {
      const { el, fake } = await renderUserAuth();
      await reachChoose(el, fake);
      pickMethod(el, 'WEB_AUTHN');
      (await fake.nextCall('confirmSignIn')).reject(authError('PasskeyAuthenticationCanceled', 'closed'));
      await waitUntil(() => errorText(el) !== '', 'no error shown');

      pickMethod(el, 'EMAIL_OTP');
      (await fake.nextCall('confirmSignIn')).reject(
        authError('NotAuthorizedException', 'Invalid session for the user.'),
      );
      const restart = await fake.nextCall('signIn');

      expect(restart.input).to.deep.include({ username: alice.loginId, preferredChallenge: 'EMAIL_OTP' });
      expect(await stepAfter(el, () => restart.resolve(codeSent('EMAIL_OTP', 'a***@e***.com')))).to.equal('challenge');
      expect(errorText(el)).to.equal('');
    });
  });

  describe('with preferred-challenge', () => {
    it('asks for the preferred code at once', async () => {
      const { el, fake } = await renderUserAuth();
      el.preferredChallenge = 'SMS_OTP';
      const signIn = await signInCall(el, fake, alice.loginId);
      expect(signIn.input).to.deep.include({ authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' });

      await stepAfter(el, () => signIn.resolve(codeSent('SMS_OTP', '+*******0100')));
      expect(textOf(el, 'prompt')).to.equal('Enter the code we sent to +*******0100.');
    });

    it('opens the passkey prompt without a button press when the pool offers passkeys', async () => {
      const { el, fake } = await renderUserAuth();
      el.preferredChallenge = 'WEB_AUTHN';
      const signIn = await signInCall(el, fake, alice.loginId);
      expect(signIn.input.preferredChallenge, 'a passkey is picked from the choice, which stays open').to.equal(
        undefined,
      );

      signIn.resolve(firstFactorSelection(offered));

      expect((await fake.nextCall('confirmSignIn')).input).to.equal('WEB_AUTHN');
    });

    it('sends a new code the way the last one came', async () => {
      const { el, fake } = await renderSignedOut({ authFlow: 'user-auth', resendCooldown: 0 });
      await reachChoose(el, fake);
      pickMethod(el, 'SMS_OTP');
      await stepAfter(el, async () =>
        (await fake.nextCall('confirmSignIn')).resolve(codeSent('SMS_OTP', '+*******0100')),
      );

      partOf(el, 'resend-button').click();

      expect((await fake.nextCall('signIn')).input).to.deep.include({ preferredChallenge: 'SMS_OTP' });
    });
  });

  describe('on the challenge step of an emailed code', () => {
    it('keeps the field open after a wrong code', async () => {
      const { el, fake } = await renderUserAuth();
      await reachChoose(el, fake);
      pickMethod(el, 'EMAIL_OTP');
      await stepAfter(el, async () =>
        (await fake.nextCall('confirmSignIn')).resolve(codeSent('EMAIL_OTP', 'a***@e***.com')),
      );

      submitCode(el, '00000000');
      (await fake.nextCall('confirmSignIn')).reject(authError('CodeMismatchException', 'Invalid code'));

      await waitUntil(() => errorText(el) === 'That code is not right. Try again.', 'no wrong-code text');
      expect(el.step).to.equal('challenge');
      expect(focused(el)).to.equal('code-input');
    });
  });

  describe('the passkeys of the signed-in view', () => {
    it('lists the user’s passkeys, names rendered as text', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      expect(textOf(el, 'passkeys')).to.contain('Loading your passkeys…');

      (await fake.nextCall('listPasskeys')).resolve([passkey, { credentialId: 'cred-2', name: '<b>bold</b>' }]);

      await waitUntil(() => listed(el).length === 2, 'the passkeys are not listed');
      expect(listed(el)[0]).to.contain('Chrome on this laptop, added Dec 2, 2026');
      expect(listed(el)[1]).to.contain('<b>bold</b>');
      const deletes = [...el.shadowRoot!.querySelectorAll('[part~="delete-passkey-button"]')];
      expect(deletes.map((button) => button.getAttribute('aria-label'))).to.deep.equal([
        'Delete passkey Chrome on this laptop',
        'Delete passkey <b>bold</b>',
      ]);
    });

    it('adds a passkey, then shows the list as Cognito holds it', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).resolve([]);
      await waitUntil(() => textOf(el, 'passkeys').includes('You have no passkeys yet.'), 'no empty list text');

      partOf(el, 'add-passkey-button').click();
      (await fake.nextCall('addPasskey')).resolve();
      (await fake.nextCall('listPasskeys')).resolve([passkey]);

      await waitUntil(() => listed(el).length === 1, 'the new passkey is not listed');
      expect(textOf(el, 'passkeys')).to.contain('Passkey added.');
    });

    it('says why a passkey was not added, and tries again on request', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).resolve([]);
      await waitUntil(() => textOf(el, 'passkeys').includes('You have no passkeys yet.'), 'no empty list text');
      partOf(el, 'add-passkey-button').click();
      const reported = new Promise<CustomEvent>((resolve) =>
        el.addEventListener('auth-error', resolve, { once: true }),
      );

      (await fake.nextCall('addPasskey')).reject(authError('PasskeyRegistrationCanceled', 'closed'));

      expect((await reported).detail).to.deep.include({ step: 'signed-in', name: 'PasskeyRegistrationCanceled' });
      await waitUntil(() => textOf(el, 'passkey-error') !== '', 'no reason shown');
      expect(textOf(el, 'passkey-error')).to.equal('No passkey was added: the prompt was closed.');
      partOf(el, 'passkey-retry-button').click();
      (await fake.nextCall('addPasskey')).resolve();
      (await fake.nextCall('listPasskeys')).resolve([passkey]);
      await waitUntil(() => listed(el).length === 1, 'the retried passkey is not listed');
      expect(part(el, 'passkey-retry-button')).to.equal(null);
    });

    it('deletes a passkey, then shows the list without it', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).resolve([passkey]);
      await waitUntil(() => listed(el).length === 1, 'the passkey is not listed');

      partOf(el, 'delete-passkey-button').click();
      const deletion = await fake.nextCall('deletePasskey');
      expect(deletion.input).to.equal('cred-1');
      await waitUntil(() => partOf<HTMLButtonElement>(el, 'add-passkey-button').disabled, 'not busy while deleting');
      deletion.resolve();
      (await fake.nextCall('listPasskeys')).resolve([]);

      await waitUntil(() => listed(el).length === 0, 'the deleted passkey is still listed');
      expect(textOf(el, 'passkeys')).to.contain('Passkey deleted.');
    });

    it('says a passkey was not deleted, and deletes it on "Try again"', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).resolve([passkey]);
      await waitUntil(() => listed(el).length === 1, 'the passkey is not listed');
      partOf(el, 'delete-passkey-button').click();

      (await fake.nextCall('deletePasskey')).reject(new TypeError('Failed to fetch'));
      await waitUntil(() => textOf(el, 'passkey-error') === 'The passkey could not be deleted.', 'no reason shown');
      partOf(el, 'passkey-retry-button').click();

      expect((await fake.nextCall('deletePasskey')).input).to.equal('cred-1');
    });

    it('forgets the list when the user signs out', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).resolve([passkey]);
      await waitUntil(() => listed(el).length === 1, 'the passkey is not listed');

      const signingOut = el.signOut();
      (await fake.nextCall('signOut')).resolve();
      await signingOut;

      expect(part(el, 'passkeys')).to.equal(null);
      expect(el.shadowRoot!.textContent).not.to.contain('Chrome on this laptop');
    });

    it('says the list could not be loaded, and loads it on "Try again"', async () => {
      const { el, fake } = await renderUserAuth();
      await signInWithCode(el, fake);
      (await fake.nextCall('listPasskeys')).reject(new TypeError('Failed to fetch'));
      await waitUntil(() => textOf(el, 'passkey-error') === 'Your passkeys could not be loaded.', 'no reason shown');

      partOf(el, 'passkey-retry-button').click();
      (await fake.nextCall('listPasskeys')).resolve([passkey]);

      await waitUntil(() => listed(el).length === 1, 'the list did not load again');
    });
  });

  describe('in German', () => {
    it('asks for the first factor in German', async () => {
      const { el, fake } = await renderUserAuth('de');
      await reachChoose(el, fake);
      expect(textOf(el, 'prompt')).to.equal('Wie möchten Sie sich anmelden?');
      expect(textOf(el, 'method-button')).to.equal('Passkey verwenden');
    });
  });
});
