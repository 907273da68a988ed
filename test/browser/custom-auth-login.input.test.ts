import { expect } from '@open-wc/testing';
import { authError } from './support/fake-auth-adapter.js';
import {
  detailAfter,
  errorText,
  field,
  focused,
  part,
  renderAtChallenge,
  renderSignedOut,
  submit,
  answerCall,
  signInCall,
  typeInto,
} from './support/login-fixture.js';

describe('<custom-auth-login> input from real people', () => {
  describe('when the username is unusual but valid', () => {
    const usernames: Array<[string, string, string]> = [
      ['plus-addressing', 'alice+shop@example.com', 'alice+shop@example.com'],
      ['non-Latin letters', 'zoë.ñúñez@exämple.de', 'zoë.ñúñez@exämple.de'],
      ['another script', '用户@例子.中国', '用户@例子.中国'],
      ['surrounding spaces and tabs', '\t  bob@example.com \u00a0', 'bob@example.com'],
    ];
    for (const [situation, typed, sent] of usernames) {
      it(`sends it as it is, only trimmed: ${situation}`, async () => {
        const { el, fake } = await renderSignedOut();
        expect((await signInCall(el, fake, typed)).input.username).to.equal(sent);
      });
    }

    it('accepts exactly 128 characters, counting a character outside the BMP as one', async () => {
      const { el, fake } = await renderSignedOut();
      const username = `${'😀'.repeat(8)}${'a'.repeat(108)}@example.com`;
      expect([...username]).to.have.length(128);
      expect((await signInCall(el, fake, username)).input.username).to.equal(username);
    });
  });

  describe('when the input is too long for Cognito', () => {
    it('refuses a username over 128 characters before any call, keeping it', async () => {
      const { el, fake } = await renderSignedOut();
      const username = `${'a'.repeat(117)}@example.com`;
      typeInto(field(el, 'username-input'), username);
      const detail = await detailAfter(el, 'auth-error', () => submit(el));

      expect(detail).to.deep.equal({
        step: 'username',
        name: 'SignInUsernameTooLong',
        message: 'That is too long: at most 128 characters.',
      });
      expect(errorText(el)).to.equal('That is too long: at most 128 characters.');
      expect(fake.count('signIn')).to.equal(0);
      expect(field(el, 'username-input').value).to.equal(username);
      expect(field(el, 'username-input').getAttribute('aria-invalid')).to.equal('true');
      expect(focused(el)).to.equal('username-input');
    });

    it('refuses a code over 64 characters before any call, keeping it', async () => {
      const { el, fake } = await renderAtChallenge({ answerType: 'text' });
      const answer = 'x'.repeat(65);
      typeInto(field(el, 'code-input'), answer);
      const detail = await detailAfter(el, 'auth-error', () => submit(el));

      expect(detail.name).to.equal('ChallengeResponseTooLong');
      expect(errorText(el)).to.equal('That is too long: at most 64 characters.');
      expect(fake.count('confirmSignIn')).to.equal(0);
      expect(field(el, 'code-input').value).to.equal(answer);
      expect(field(el, 'code-input').getAttribute('aria-invalid')).to.equal('true');
    });

    it('counts a grouped code after taking out its spaces', async () => {
      const { el, fake } = await renderAtChallenge();
      const grouped = '1234 '.repeat(16).trim();
      expect(grouped.length).to.be.greaterThan(64);
      expect((await answerCall(el, fake, grouped)).input).to.equal('1234'.repeat(16));
    });
  });

  describe('when the browser is offline', () => {
    it('says so on the first form, keeps username and password and lets the user retry', async () => {
      const { el, fake } = await renderSignedOut({ authFlow: 'custom-with-srp' });
      const signIn = await signInCall(el, fake, 'bob@example.com', 'Correct-Horse-42');
      await detailAfter(el, 'auth-error', () => signIn.reject(new TypeError('Failed to fetch')));

      expect(errorText(el)).to.equal('Cannot reach the sign-in service. Check your connection, then try again.');
      expect(field(el, 'username-input').value).to.equal('bob@example.com');
      expect(field(el, 'password-input').value).to.equal('Correct-Horse-42');
      expect(part<HTMLButtonElement>(el, 'submit-button')!.disabled).to.equal(false);

      submit(el);
      expect((await fake.nextCall('signIn')).input).to.deep.include({ password: 'Correct-Horse-42' });
    });

    it('says so on the challenge, keeps the code and lets the user retry', async () => {
      const { el, fake } = await renderAtChallenge();
      const answer = await answerCall(el, fake, '123 456');
      await detailAfter(el, 'auth-error', () =>
        answer.reject(authError('NetworkError', 'A network error has occurred.')),
      );

      expect(el.step).to.equal('challenge');
      expect(errorText(el)).to.equal('Cannot reach the sign-in service. Check your connection, then try again.');
      expect(field(el, 'code-input').value).to.equal('123456');
      submit(el);
      expect((await fake.nextCall('confirmSignIn')).input).to.equal('123456');
    });
  });
});
