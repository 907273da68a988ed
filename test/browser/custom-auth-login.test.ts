import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { sendKeys } from '@web/test-runner-commands';
import { FakeAuthAdapter, authError, customChallenge, signedIn } from './support/fake-auth-adapter.js';
import {
  alice,
  detailAfter,
  errorText,
  field,
  focused,
  nextStep,
  part,
  renderAtChallenge,
  renderLogin,
  renderSignedIn,
  renderSignedOut,
  submit,
  answerCall,
  signInCall,
  textOf,
  typeInto,
} from './support/login-fixture.js';

/** A request is out: the submit button is disabled, the form is marked busy and the status says `status`. */
function expectBusy(el: CustomAuthLogin, status: string): void {
  expect(part<HTMLButtonElement>(el, 'submit-button')?.disabled).to.equal(true);
  expect(part(el, 'form')?.getAttribute('aria-busy')).to.equal('true');
  expect(part(el, 'status')?.textContent).to.equal(status);
}

describe('<custom-auth-login>', () => {
  describe('when it starts and no session is stored', () => {
    it('looks for a stored session without starting a sign-in', async () => {
      const fake = new FakeAuthAdapter();
      const el = await renderLogin(fake);
      expect(el.step).to.equal('loading');
      expect(el.getAttribute('step')).to.equal('loading');
      expect(part(el, 'status')?.textContent).to.contain('Checking for an existing session');
      expect(fake.count('getCurrentUser')).to.equal(1);
      expect(fake.count('signIn')).to.equal(0);
    });

    it('shows the username form and reports the step change', async () => {
      const fake = new FakeAuthAdapter();
      const el = await renderLogin(fake);
      el.addEventListener('auth-error', () => expect.fail('no error expected'));
      const changed = oneEvent(el, 'auth-step-change');
      (await fake.nextCall('getCurrentUser')).reject(authError('UserUnAuthenticatedException', 'no user'));

      const { detail } = await changed;
      expect(detail).to.deep.equal({ step: 'username', previousStep: 'loading' });
      expect(el.getAttribute('step')).to.equal('username');
      expect(part(el, 'username-input')).to.not.equal(null);
      expect(errorText(el)).to.equal('');
    });

    it('leaves the page focus alone', async () => {
      const outside = await fixture<HTMLInputElement>(html`<input aria-label="elsewhere" />`);
      outside.focus();
      await renderSignedOut();
      expect(document.activeElement === outside, 'focus stays outside the element').to.equal(true);
    });

    it('prefills the username attribute', async () => {
      const { el } = await renderSignedOut({ username: 'bob@example.com' });
      expect(field(el, 'username-input').value).to.equal('bob@example.com');
    });
  });

  describe('when the user submits a username', () => {
    /** The first form submitted and the sign-in failing with `error`; `detail` is what the element reported. */
    async function failSignIn(error: unknown) {
      const { el, fake } = await renderSignedOut();
      const signIn = await signInCall(el, fake);
      const detail = await detailAfter(el, 'auth-error', () => signIn.reject(error));
      return { el, fake, detail };
    }

    it('starts the custom flow without a password, with the username trimmed', async () => {
      const { el, fake } = await renderSignedOut();
      const signIn = await signInCall(el, fake, '  alice@example.com \t');
      expect(signIn.input).to.deep.equal({ username: 'alice@example.com', authFlowType: 'CUSTOM_WITHOUT_SRP' });
    });

    it('submits on Enter', async () => {
      const { el, fake } = await renderSignedOut();
      field(el, 'username-input').focus();
      await sendKeys({ type: 'alice@example.com' });
      await sendKeys({ press: 'Enter' });

      expect((await fake.nextCall('signIn')).input.username).to.equal('alice@example.com');
    });

    it('shows it is busy and disables the button while the request is out', async () => {
      const { el, fake } = await renderSignedOut();
      await signInCall(el, fake);
      await el.updateComplete;

      expectBusy(el, 'Sending your code…');
    });

    it('sends one request for a double click', async () => {
      const { el, fake } = await renderSignedOut();
      typeInto(field(el, 'username-input'), 'alice@example.com');
      submit(el);
      submit(el);
      await el.updateComplete;
      submit(el);
      await aTimeout(0);

      expect(fake.count('signIn')).to.equal(1);
    });

    it('asks for the username when it is blank, without calling the pool', async () => {
      const { el, fake } = await renderSignedOut();
      typeInto(field(el, 'username-input'), '   ');
      const detail = await detailAfter(el, 'auth-error', () => submit(el));
      expect(detail.name).to.equal('EmptySignInUsername');
      expect(errorText(el)).to.equal('Enter your username.');
      expect(focused(el)).to.equal('username-input');
      expect(field(el, 'username-input').getAttribute('aria-invalid')).to.equal('true');
      expect(fake.count('signIn')).to.equal(0);
    });

    describe('and the pool sends a custom challenge', () => {
      it('asks for the code where the challenge parameters say it went', async () => {
        const { el, fake } = await renderSignedOut();
        const signIn = await signInCall(el, fake);
        const parameters = {
          USERNAME: 'alice@example.com',
          destination: 'a***@e***.com',
          codeLength: '6',
          attemptsLeft: '3',
        };
        const detail = await detailAfter(el, 'auth-step-change', () => signIn.resolve(customChallenge(parameters)));
        expect(detail).to.deep.equal({ step: 'challenge', previousStep: 'username', challengeParameters: parameters });
        expect(el.getAttribute('step')).to.equal('challenge');
        expect(el.shadowRoot!.textContent).to.contain('Enter the code we sent to a***@e***.com.');
        expect(el.shadowRoot!.textContent).to.contain('The code has 6 characters.');
        expect(field(el, 'code-input').value).to.equal('');
      });

      it('moves focus to the code field', async () => {
        const { el } = await renderAtChallenge();
        expect(focused(el)).to.equal('code-input');
      });

      it('uses a prompt parameter instead of its own question', async () => {
        const { el } = await renderAtChallenge({ prompt: 'What is the code on your badge?' });
        expect(el.shadowRoot!.textContent).to.contain('What is the code on your badge?');
        expect(el.shadowRoot!.textContent).not.to.contain('we sent');
      });

      it('asks generically when no destination is given', async () => {
        const { el } = await renderAtChallenge({});
        expect(textOf(el, 'prompt')).to.equal('Enter the code we sent you.');
        expect(el.shadowRoot!.textContent).not.to.contain('characters');
      });
    });

    describe('and the pool signs the user in straight away', () => {
      it('shows the user signed in', async () => {
        const { el, fake } = await renderSignedOut();
        (await signInCall(el, fake)).resolve(signedIn);
        const lookup = await fake.nextCall('getCurrentUser');
        const detail = await detailAfter(el, 'auth-signed-in', () => lookup.resolve(alice));
        expect(detail).to.deep.equal({ ...alice, restored: false, newUser: false });
        expect(el.step).to.equal('signed-in');
      });
    });

    describe('and the pool signs in with email (Cognito generates a UUID username)', () => {
      it('greets the user by the name they signed in with, never the UUID', async () => {
        const { el, fake } = await renderSignedOut();
        (await signInCall(el, fake)).resolve(signedIn);
        const lookup = await fake.nextCall('getCurrentUser');
        const detail = await detailAfter(el, 'auth-signed-in', () => lookup.resolve(alice));
        expect(detail.loginId).to.equal('alice@example.com');
        expect(detail.username).to.equal(alice.username);
        expect(part(el, 'signed-in')?.textContent).to.contain('Signed in as alice@example.com.');
        expect(el.shadowRoot!.textContent).not.to.contain(alice.username);
      });

      it('falls back to the username when the adapter knows no sign-in name', async () => {
        const { el, fake } = await renderSignedOut();
        (await signInCall(el, fake)).resolve(signedIn);
        const lookup = await fake.nextCall('getCurrentUser');
        const user = { username: 'carol', userId: 'sub-3' };
        const detail = await detailAfter(el, 'auth-signed-in', () => lookup.resolve(user));
        expect(detail).to.deep.equal({ ...user, loginId: 'carol', restored: false, newUser: false });
        expect(part(el, 'signed-in')?.textContent).to.contain('Signed in as carol.');
      });
    });

    describe('and a session already exists', () => {
      it('shows the signed-in user instead of an error', async () => {
        const { el, fake } = await renderSignedOut();
        el.addEventListener('auth-error', () => expect.fail('no error expected'));
        (await signInCall(el, fake)).reject(
          authError('UserAlreadyAuthenticatedException', 'There is already a signed in user.'),
        );
        const lookup = await fake.nextCall('getCurrentUser');
        const detail = await detailAfter(el, 'auth-signed-in', () => lookup.resolve(alice));
        expect(detail).to.deep.equal({ ...alice, restored: true, newUser: false });
        expect(errorText(el)).to.equal('');
      });
    });

    describe('and the pool refuses the sign-in', () => {
      it('explains, keeps the username and stays on the form', async () => {
        const { el, detail } = await failSignIn(authError('NotAuthorizedException', 'Incorrect username or password.'));
        expect(detail).to.deep.equal({
          step: 'username',
          name: 'NotAuthorizedException',
          message: 'Incorrect username or password.',
        });
        expect(errorText(el)).to.equal('Incorrect username or password.');
        expect(el.step).to.equal('username');
        expect(field(el, 'username-input').value).to.equal('alice@example.com');
      });

      it('says so when the account is disabled', async () => {
        const { el } = await failSignIn(authError('NotAuthorizedException', 'User is disabled.'));
        expect(errorText(el)).to.equal('This account is disabled.');
      });
    });

    describe('and the network fails', () => {
      it('shows a generic message, keeps everything typed and lets the user retry', async () => {
        const { el, fake, detail } = await failSignIn(authError('NetworkError', 'A network error has occurred.'));
        expect(detail.name).to.equal('NetworkError');
        expect(errorText(el)).to.equal('Cannot reach the sign-in service. Check your connection, then try again.');
        expect(el.step).to.equal('username');
        expect(field(el, 'username-input').value).to.equal('alice@example.com');
        expect(part<HTMLButtonElement>(el, 'submit-button')?.disabled).to.equal(false);

        submit(el);
        expect((await fake.nextCall('signIn')).input.username).to.equal('alice@example.com');
      });

      it('treats a failed fetch (the browser is offline) the same way', async () => {
        const { el, fake, detail } = await failSignIn(new TypeError('Failed to fetch'));
        expect(detail).to.deep.equal({ step: 'username', name: 'TypeError', message: 'Failed to fetch' });
        expect(errorText(el)).to.equal('Cannot reach the sign-in service. Check your connection, then try again.');
        expect(field(el, 'username-input').value).to.equal('alice@example.com');

        submit(el);
        expect((await fake.nextCall('signIn')).input.username).to.equal('alice@example.com');
      });

      it('shows a generic message for an unknown failure and keeps what was typed', async () => {
        const { el, detail } = await failSignIn(new Error('Unexpected end of JSON input'));
        expect(detail).to.deep.equal({ step: 'username', name: 'Error', message: 'Unexpected end of JSON input' });
        expect(errorText(el)).to.equal('Something went wrong. Please try again.');
        expect(field(el, 'username-input').value).to.equal('alice@example.com');
      });
    });

    describe('and the pool asks for a step this form does not offer', () => {
      it('explains instead of showing an empty form', async () => {
        const { el, fake } = await renderSignedOut();
        const signIn = await signInCall(el, fake);
        const detail = await detailAfter(el, 'auth-error', () =>
          signIn.resolve({
            isSignedIn: false,
            nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' },
          }),
        );
        expect(detail.name).to.equal('UnsupportedSignInStep');
        expect(errorText(el)).to.equal('This account needs a sign-in step this form does not offer.');
        expect(el.step).to.equal('username');
      });
    });
  });

  describe('when the user answers the challenge', () => {
    it('sends the trimmed code', async () => {
      const { el, fake } = await renderAtChallenge();
      typeInto(field(el, 'code-input'), ' 123456 ');
      submit(el);

      expect((await fake.nextCall('confirmSignIn')).input).to.equal('123456');
    });

    it('shows it is busy and sends one request for a double click', async () => {
      const { el, fake } = await renderAtChallenge();
      typeInto(field(el, 'code-input'), '123456');
      submit(el);
      submit(el);
      await el.updateComplete;

      expect(fake.count('confirmSignIn')).to.equal(1);
      expectBusy(el, 'Checking your code…');
    });

    it('asks for the code when it is blank, without calling the pool', async () => {
      const { el, fake } = await renderAtChallenge();
      typeInto(field(el, 'code-input'), '  ');
      const detail = await detailAfter(el, 'auth-error', () => submit(el));
      expect(detail.name).to.equal('EmptyChallengeResponse');
      expect(errorText(el)).to.equal('Enter the code.');
      expect(fake.count('confirmSignIn')).to.equal(0);
    });

    describe('and it is right', () => {
      it('signs the user in and says who', async () => {
        const { el, fake } = await renderAtChallenge();
        (await answerCall(el, fake)).resolve(signedIn);
        const lookup = await fake.nextCall('getCurrentUser');
        const changed = oneEvent(el, 'auth-step-change');
        const signedInEvent = oneEvent(el, 'auth-signed-in');
        lookup.resolve(alice);

        expect((await changed).detail).to.deep.equal({ step: 'signed-in', previousStep: 'challenge' });
        expect((await signedInEvent).detail).to.deep.equal({ ...alice, restored: false, newUser: false });
        expect(el.getAttribute('step')).to.equal('signed-in');
        expect(part(el, 'signed-in')?.textContent).to.contain('Signed in as alice@example.com.');
        expect(part(el, 'sign-out-button')).to.not.equal(null);
        expect(part(el, 'form')).to.equal(null);
      });

      it('moves focus to the signed-in view', async () => {
        const { el } = await renderSignedIn();
        expect(focused(el)).to.equal('signed-in-view');
      });
    });

    describe('and it is wrong but the pool allows another try', () => {
      async function answerWrongly(attemptsLeft: string) {
        const { el, fake } = await renderAtChallenge();
        const answer = await answerCall(el, fake, '000000');
        const detail = await detailAfter(el, 'auth-error', () =>
          answer.resolve(customChallenge({ destination: 'a***@e***.com', attemptsLeft })),
        );
        return { el, fake, detail };
      }

      it('stays on the challenge and says how many attempts are left', async () => {
        const { el, detail } = await answerWrongly('2');
        expect(detail).to.deep.equal({
          step: 'challenge',
          name: 'IncorrectChallengeAnswer',
          message: 'That code is not right. Attempts left: 2.',
        });
        expect(el.step).to.equal('challenge');
        expect(errorText(el)).to.equal('That code is not right. Attempts left: 2.');
        expect(field(el, 'code-input').getAttribute('aria-invalid')).to.equal('true');
      });

      it('says when it is the last one', async () => {
        const { el } = await answerWrongly('1');
        expect(errorText(el)).to.equal('That code is not right. Attempts left: 1.');
      });

      it('clears the code field and puts focus back in it', async () => {
        const { el } = await answerWrongly('2');
        expect(field(el, 'code-input').value).to.equal('');
        expect(focused(el)).to.equal('code-input');
      });

      it('answers the new round through the same sign-in', async () => {
        const { el, fake } = await answerWrongly('2');
        expect((await answerCall(el, fake, '123456')).input).to.equal('123456');
        expect(fake.count('signIn')).to.equal(1);
      });
    });

    describe('and the pool ends the sign-in', () => {
      async function endWith(message: string) {
        const { el, fake } = await renderAtChallenge();
        const answer = await answerCall(el, fake, '000000');
        const changed = oneEvent(el, 'auth-step-change');
        const reported = oneEvent(el, 'auth-error');
        answer.reject(authError('NotAuthorizedException', message));
        return { el, fake, change: (await changed).detail, error: (await reported).detail };
      }

      it('goes back to the username form, username kept, after too many wrong codes', async () => {
        const { el, change, error } = await endWith('Incorrect username or password.');
        expect(change).to.deep.equal({ step: 'username', previousStep: 'challenge' });
        expect(error).to.deep.equal({
          step: 'challenge',
          name: 'NotAuthorizedException',
          message: 'Incorrect username or password.',
        });
        expect(errorText(el)).to.equal('Too many wrong codes. Request a new one.');
        expect(field(el, 'username-input').value).to.equal('alice@example.com');
        expect(focused(el)).to.equal('username-input');
      });

      it('says the code expired when the session did', async () => {
        const { el } = await endWith('Invalid session for the user, session is expired.');
        expect(errorText(el)).to.equal('Your code has expired. Request a new one.');
        expect(el.step).to.equal('username');
      });

      it('says the attempt ended when the session was spent', async () => {
        const { el } = await endWith('Invalid session for the user.');
        expect(errorText(el)).to.equal('This sign-in attempt has ended. Request a new code.');
      });

      it('starts a fresh sign-in on the next submit instead of reusing the dead one', async () => {
        const { el, fake } = await endWith('Incorrect username or password.');
        submit(el);

        const call = await fake.nextCall('signIn');
        expect(call.input.username).to.equal('alice@example.com');
        expect(fake.count('signIn')).to.equal(2);
        expect(fake.count('confirmSignIn')).to.equal(1);
      });

      it('says the code expired when the auth library forgot the sign-in', async () => {
        const { el, fake } = await renderAtChallenge();
        const answer = await answerCall(el, fake, '123456');
        await detailAfter(el, 'auth-error', () =>
          answer.reject(authError('SignInException', 'An error occurred during the sign in process.')),
        );
        expect(el.step).to.equal('username');
        expect(errorText(el)).to.equal('Your code has expired. Request a new one.');
      });
    });

    describe('and the user starts over', () => {
      it('goes back to the username form with the username kept', async () => {
        const { el } = await renderAtChallenge();
        const changed = nextStep(el);
        part<HTMLButtonElement>(el, 'restart-button')!.click();

        expect(await changed).to.equal('username');
        expect(field(el, 'username-input').value).to.equal('alice@example.com');
        expect(focused(el)).to.equal('username-input');
      });
    });
  });

  describe('when the flow is custom-with-srp', () => {
    it('asks for a password too', async () => {
      const { el } = await renderSignedOut({ authFlow: 'custom-with-srp' });
      expect(part(el, 'password-input')).to.not.equal(null);
      expect(textOf(el, 'submit-button')).to.equal('Send code');
    });

    it('sends the password with the SRP flow type', async () => {
      const { el, fake } = await renderSignedOut({ authFlow: 'custom-with-srp' });
      const signIn = await signInCall(el, fake, ' bob@example.com ', ' Correct-Horse-42');
      expect(signIn.input).to.deep.equal({
        username: 'bob@example.com',
        password: ' Correct-Horse-42',
        authFlowType: 'CUSTOM_WITH_SRP',
      });
    });

    it('asks for the password when it is empty', async () => {
      const { el, fake } = await renderSignedOut({ authFlow: 'custom-with-srp' });
      typeInto(field(el, 'username-input'), 'bob@example.com');
      const detail = await detailAfter(el, 'auth-error', () => submit(el));
      expect(detail.name).to.equal('EmptySignInPassword');
      expect(errorText(el)).to.equal('Enter your password.');
      expect(focused(el)).to.equal('password-input');
      expect(fake.count('signIn')).to.equal(0);
    });

    it('keeps both fields after a wrong password', async () => {
      const { el, fake } = await renderSignedOut({ authFlow: 'custom-with-srp' });
      const signIn = await signInCall(el, fake, 'bob@example.com', 'wrong');
      await detailAfter(el, 'auth-error', () =>
        signIn.reject(authError('NotAuthorizedException', 'Incorrect username or password.')),
      );
      expect(field(el, 'username-input').value).to.equal('bob@example.com');
      expect(field(el, 'password-input').value).to.equal('wrong');
    });

    it('continues with the custom challenge, answering it with the code alone', async () => {
      const { el, fake } = await renderAtChallenge(undefined, { authFlow: 'custom-with-srp' });
      expect(part(el, 'password-input'), 'the password field is gone').to.equal(null);
      expect((await answerCall(el, fake, '123 456')).input).to.equal('123456');
    });
  });
});
