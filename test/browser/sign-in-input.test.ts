import { expect } from '@open-wc/testing';
import {
  answerProblem,
  isNumericAnswer,
  normalizeAnswer,
  normalizeUsername,
  signInProblem,
  signInRequest,
} from '../../src/sign-in-input.js';
import { emptyFields } from '../../src/sign-in-follow-ups.js';

describe('sign-in input (checks before any call)', () => {
  describe('the first form', () => {
    it('sends the username without the spaces around it', () => {
      expect(normalizeUsername('  bob@example.com \t')).to.equal('bob@example.com');
    });

    it('sends the password only in the SRP flow, as typed, and the held one for a new code', () => {
      const fields = { ...emptyFields, username: ' bob ', password: ' Correct-Horse-42 ', heldPassword: 'held' };
      expect(signInRequest(fields, 'username', false)).to.deep.equal({ username: 'bob' });
      expect(signInRequest(fields, 'username', true)).to.deep.equal({
        username: 'bob',
        password: ' Correct-Horse-42 ',
      });
      expect(signInRequest(fields, 'challenge', true)).to.deep.equal({ username: 'bob', password: 'held' });
    });

    it('accepts a username with a password in the SRP flow, and without one in the custom flow', () => {
      expect(signInProblem({ username: 'bob', password: ' Correct-Horse-42 ' }, true)).to.equal(undefined);
      expect(signInProblem({ username: 'bob' }, false)).to.equal(undefined);
    });

    it('refuses an empty username', () => {
      expect(signInProblem({ username: '', password: 'secret' }, true)).to.deep.equal({
        type: 'input-invalid',
        name: 'EmptySignInUsername',
      });
    });

    it("refuses a username longer than Cognito's 128 characters, counted as characters", () => {
      expect(signInProblem({ username: 'é'.repeat(128) }, false)).to.equal(undefined);
      expect(signInProblem({ username: '😀'.repeat(128) }, false), 'astral characters count once').to.equal(undefined);
      expect(signInProblem({ username: 'a'.repeat(129) }, false)).to.deep.equal({
        type: 'input-invalid',
        name: 'SignInUsernameTooLong',
        params: { max: 128 },
      });
    });

    it('asks for the password only in the SRP flow', () => {
      expect(signInProblem({ username: 'bob', password: '' }, true)).to.deep.equal({
        type: 'input-invalid',
        name: 'EmptySignInPassword',
      });
    });
  });

  describe('the challenge answer', () => {
    it('joins a numeric code typed or pasted in groups', () => {
      for (const typed of ['123 456', ' 123-456 ', '12 34 56', '123\t456']) {
        expect(normalizeAnswer(typed, true), typed).to.equal('123456');
      }
    });

    it('keeps inner spaces and dashes of a text answer, trimming only its ends', () => {
      expect(normalizeAnswer(' blue-green sky ', false)).to.equal('blue-green sky');
    });

    it('refuses an empty answer', () => {
      expect(answerProblem('')).to.deep.equal({ type: 'input-invalid', name: 'EmptyChallengeResponse' });
      expect(answerProblem(normalizeAnswer(' - ', true)), 'separators only').to.deep.equal({
        type: 'input-invalid',
        name: 'EmptyChallengeResponse',
      });
    });

    it("refuses an answer longer than Cognito's 64 characters", () => {
      expect(answerProblem('1'.repeat(64))).to.equal(undefined);
      expect(answerProblem('1'.repeat(65))).to.deep.equal({
        type: 'input-invalid',
        name: 'ChallengeResponseTooLong',
        params: { max: 64 },
      });
    });

    it('treats an answer as numeric unless the challenge says `answerType: text`', () => {
      expect(isNumericAnswer(undefined)).to.equal(true);
      expect(isNumericAnswer({ answerType: 'numeric' })).to.equal(true);
      expect(isNumericAnswer({ answerType: 'text' })).to.equal(false);
    });
  });
});
