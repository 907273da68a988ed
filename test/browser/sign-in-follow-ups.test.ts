import { expect } from '@open-wc/testing';
import { codeOutlived, cooldownLeft } from '../../src/controllers/code-timer.js';
import {
  emptyFields,
  eventsDue,
  fieldsAfter,
  focusAfter,
  problemPart,
  type Fields,
} from '../../src/sign-in-follow-ups.js';
import type { FlowError, FlowState } from '../../src/sign-in-flow.js';

const alice = { username: 'alice@example.com', userId: 'user-1' };
const sentAt = Date.UTC(2026, 10, 26, 12);
const loading: FlowState = { step: 'loading', busy: true, call: 'getCurrentUser' };
const onUsername: FlowState = { step: 'username', busy: false };
const sending: FlowState = { step: 'username', busy: true, call: 'signIn' };
const roundOne = { codeLength: '6' };
const onChallenge: FlowState = { step: 'challenge', busy: false, challengeParameters: roundOne, sentAt };
const signedIn: FlowState = { step: 'signed-in', busy: false, user: alice, restored: false };
const typed: Fields = { username: 'alice', password: 'secret', code: '123456', heldPassword: '' };
const describeError = (error: FlowError): string => `text for ${error.reason ?? error.name}`;

describe('what follows a move of the sign-in flow', () => {
  describe('the fields', () => {
    it('start empty', () => {
      expect(emptyFields).to.deep.equal({ username: '', password: '', code: '', heldPassword: '' });
    });

    it('hold the password out of the form while the challenge is shown, and empty the code field', () => {
      expect(fieldsAfter(sending, onChallenge, typed)).to.deep.equal({
        username: 'alice',
        password: '',
        code: '',
        heldPassword: 'secret',
      });
    });

    it('empty the code field for a new round, keeping the held password', () => {
      const held = { ...typed, password: '', heldPassword: 'secret' };
      const roundTwo = { ...onChallenge, challengeParameters: { codeLength: '6' } };
      expect(fieldsAfter(onChallenge, roundTwo, held)).to.deep.equal({ ...held, code: '' });
    });

    it('keep the code after a failure in the same round', () => {
      const held = { ...typed, password: '', heldPassword: 'secret' };
      const failed = { ...onChallenge, error: { name: 'NetworkError', step: 'challenge' } } as FlowState;
      expect(fieldsAfter(onChallenge, failed, held)).to.deep.equal(held);
    });

    it('forget the held password when the challenge is left', () => {
      const held = { ...typed, password: '', heldPassword: 'secret' };
      expect(fieldsAfter(onChallenge, onUsername, held).heldPassword).to.equal('');
    });

    it('drop every secret once signed in, keeping the username', () => {
      const held = { ...typed, heldPassword: 'secret' };
      expect(fieldsAfter(onChallenge, signedIn, held)).to.deep.equal({
        username: 'alice',
        password: '',
        code: '',
        heldPassword: '',
      });
    });
  });

  describe('the focus', () => {
    it('stays where it is after the initial session check and while busy', () => {
      expect(focusAfter(loading, onUsername)).to.equal(undefined);
      expect(focusAfter(loading, signedIn)).to.equal(undefined);
      expect(focusAfter(onUsername, sending)).to.equal(undefined);
    });

    it("moves to the first control of a step the user's action reached", () => {
      expect(focusAfter(sending, onChallenge)).to.equal('code-input');
      expect(focusAfter(onChallenge, onUsername)).to.equal('username-input');
      expect(focusAfter(onChallenge, signedIn)).to.equal('signed-in-view');
    });

    it('moves to where a new problem is fixed, else to the first control', () => {
      const empty: FlowError = { name: 'EmptySignInPassword', reason: 'EmptySignInPassword', step: 'username' };
      expect(focusAfter(onUsername, { ...onUsername, error: empty })).to.equal('password-input');
      const expired: FlowError = { name: 'CodeExpired', reason: 'CodeExpired', step: 'challenge' };
      expect(focusAfter(onChallenge, { ...onChallenge, error: expired })).to.equal('resend-button');
      const network: FlowError = { name: 'NetworkError', reason: 'NetworkError', step: 'challenge' };
      expect(focusAfter(onChallenge, { ...onChallenge, error: network })).to.equal('code-input');
    });

    it('moves to the code field for a new round, and nowhere when nothing changed', () => {
      expect(focusAfter(onChallenge, { ...onChallenge, challengeParameters: { codeLength: '6' } })).to.equal(
        'code-input',
      );
      expect(focusAfter(onChallenge, { ...onChallenge })).to.equal(undefined);
    });

    it('names the field of each input problem', () => {
      expect(problemPart('SignInUsernameTooLong')).to.equal('username-input');
      expect(problemPart('IncorrectChallengeAnswer')).to.equal('code-input');
      expect(problemPart('toString'), 'not an inherited member').to.equal(undefined);
    });
  });

  describe('the events', () => {
    it('report a step change, with the challenge parameters on the challenge step', () => {
      expect(eventsDue(sending, onChallenge, describeError)).to.deep.equal([
        ['auth-step-change', { step: 'challenge', previousStep: 'username', challengeParameters: roundOne }],
      ]);
      expect(eventsDue(loading, onUsername, describeError)).to.deep.equal([
        ['auth-step-change', { step: 'username', previousStep: 'loading' }],
      ]);
    });

    it('report a sign-in after its step change, saying whether the session was restored', () => {
      expect(eventsDue(loading, { ...signedIn, restored: true }, describeError)).to.deep.equal([
        ['auth-step-change', { step: 'signed-in', previousStep: 'loading' }],
        [
          'auth-signed-in',
          {
            username: 'alice@example.com',
            userId: 'user-1',
            loginId: 'alice@example.com',
            restored: true,
            newUser: false,
          },
        ],
      ]);
    });

    it('report a sign-in that follows a sign-up as a new user, and one from the sign-up step for a known address as not', () => {
      for (const newUser of [true, false]) {
        const [, signedInEvent] = eventsDue({ ...onUsername, newUser }, { ...signedIn, newUser }, describeError);
        expect(signedInEvent).to.deep.equal([
          'auth-signed-in',
          { username: 'alice@example.com', userId: 'user-1', loginId: 'alice@example.com', restored: false, newUser },
        ]);
      }
    });

    it('say so when a sign-in link made the session', () => {
      const busy: FlowState = { step: 'username', busy: true, call: 'signIn' };
      expect(eventsDue(busy, { ...signedIn, link: true }, describeError)[1]).to.deep.equal([
        'auth-signed-in',
        {
          username: 'alice@example.com',
          userId: 'user-1',
          loginId: 'alice@example.com',
          restored: false,
          newUser: false,
          link: true,
        },
      ]);
    });

    it('report a sign-out with the user who left', () => {
      const signingOut: FlowState = { ...signedIn, busy: true, call: 'signOut' };
      expect(eventsDue(signingOut, onUsername, describeError)).to.deep.equal([
        ['auth-step-change', { step: 'username', previousStep: 'signed-in' }],
        ['auth-signed-out', { username: 'alice@example.com' }],
      ]);
    });

    it('report no sign-out when a configuration problem ends the session view', () => {
      const error: FlowError = { name: 'ConfigurationError', reason: 'ConfigurationMissing', step: 'signed-in' };
      const names = eventsDue(signedIn, { step: 'username', busy: false, error }, describeError).map(([name]) => name);
      expect(names).to.deep.equal(['auth-step-change', 'auth-error']);
    });

    it("report a new error once, with the library's message or else the text shown", () => {
      const fromLibrary: FlowError = {
        name: 'NetworkError',
        message: 'offline',
        reason: 'NetworkError',
        step: 'challenge',
      };
      const failed = { ...onChallenge, error: fromLibrary };
      expect(eventsDue(onChallenge, failed, describeError)).to.deep.equal([
        ['auth-error', { step: 'challenge', name: 'NetworkError', message: 'offline' }],
      ]);
      expect(eventsDue(failed, { ...failed }, describeError)).to.deep.equal([]);
      const own: FlowError = { name: 'CodeExpired', reason: 'CodeExpired', step: 'challenge' };
      expect(eventsDue(onChallenge, { ...onChallenge, error: own }, describeError)).to.deep.equal([
        ['auth-error', { step: 'challenge', name: 'CodeExpired', message: 'text for CodeExpired' }],
      ]);
    });
  });

  describe('the code timers', () => {
    it('count the cooldown down in whole seconds from when the code was sent', () => {
      expect(cooldownLeft(onChallenge, sentAt, 30)).to.equal(30);
      expect(cooldownLeft(onChallenge, sentAt + 29_001, 30)).to.equal(1);
      expect(cooldownLeft(onChallenge, sentAt + 30_000, 30)).to.equal(0);
      expect(cooldownLeft(onChallenge, sentAt + 90_000, 30)).to.equal(0);
    });

    it('end the cooldown once the code expired, and have none off the challenge step', () => {
      const expired: FlowState = {
        ...onChallenge,
        error: { name: 'CodeExpired', reason: 'CodeExpired', step: 'challenge' },
      };
      expect(cooldownLeft(expired, sentAt, 30)).to.equal(0);
      expect(cooldownLeft(onUsername, sentAt, 30)).to.equal(0);
    });

    it('say a code has outlived its lifetime from its last millisecond on, on the challenge step only', () => {
      expect(codeOutlived(onChallenge, sentAt + 179_999, 180)).to.equal(false);
      expect(codeOutlived(onChallenge, sentAt + 180_000, 180)).to.equal(true);
      expect(codeOutlived(onUsername, sentAt + 999_999, 180)).to.equal(false);
    });
  });
});
