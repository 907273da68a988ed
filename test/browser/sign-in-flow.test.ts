import { expect } from '@open-wc/testing';
import type { SignInResult } from '../../src/auth-adapter.js';
import { flowExtensions, initialFlowState, statusOf, transition, type FlowState } from '../../src/sign-in-flow.js';
import { signUpFlow } from '../../src/sign-up-flow.js';
import { authError, customChallenge, signedIn, signUpDone } from './support/fake-auth-adapter.js';

const onUsername: FlowState = { step: 'username', busy: true };
const onChallenge: FlowState = {
  step: 'challenge',
  busy: true,
  call: 'confirmSignIn',
  challengeParameters: { attemptsLeft: '3' },
  sentAt: Date.UTC(2026, 10, 26, 11, 59),
};
/** When the pool's answers arrive, on the clock the events carry. */
const at = Date.UTC(2026, 10, 26, 12);
const signedInState: FlowState = {
  step: 'signed-in',
  busy: true,
  user: { username: 'alice@example.com', userId: 'user-1' },
  restored: false,
};

describe('sign-in flow (state machine)', () => {
  it('starts by looking for a stored session', () => {
    expect(initialFlowState).to.deep.equal({ step: 'loading', busy: true, call: 'getCurrentUser' });
  });

  it('shows the first form at once when the token storage holds nothing to restore', () => {
    const { state, effect } = transition(initialFlowState, { type: 'restoring', nothingStored: true });
    expect(state).to.deep.equal({ step: 'username', busy: false });
    expect(effect).to.equal(undefined);
  });

  it('looks for a stored session again when one may be stored', () => {
    const { state } = transition({ step: 'username', busy: false }, { type: 'restoring' });
    expect(state).to.equal(initialFlowState);
  });

  describe('when the session check ends', () => {
    it('shows the user signed in when tokens are stored', () => {
      const user = { username: 'alice@example.com', userId: 'user-1' };
      const { state } = transition(initialFlowState, { type: 'user-found', user, restored: true });
      expect(state).to.deep.equal({ step: 'signed-in', busy: false, user, restored: true });
    });

    it('keeps that a sign-in link made the session', () => {
      const user = { username: 'alice@example.com', userId: 'user-1' };
      const { state } = transition(initialFlowState, { type: 'user-found', user, restored: false, link: true });
      expect(state).to.deep.equal({ step: 'signed-in', busy: false, user, restored: false, link: true });
    });

    it('goes to the username form, without an error, when none are', () => {
      const { state } = transition(initialFlowState, {
        type: 'failed',
        call: 'getCurrentUser',
        error: authError('UserUnAuthenticatedException', 'no user'),
      });
      expect(state).to.deep.equal({ step: 'username', busy: false });
    });
  });

  describe('when the pool answers', () => {
    it('moves to the challenge with its parameters', () => {
      const { state, effect } = transition(onUsername, {
        type: 'answered',
        call: 'signIn',
        result: customChallenge({ codeLength: '6' }),
        at,
      });
      expect(state).to.deep.equal({
        step: 'challenge',
        busy: false,
        challengeParameters: { codeLength: '6' },
        sentAt: at,
      });
      expect(effect).to.equal(undefined);
    });

    it('treats another challenge after an answer as a wrong answer', () => {
      const { state } = transition(onChallenge, {
        type: 'answered',
        call: 'confirmSignIn',
        result: customChallenge({ attemptsLeft: ' 2' }),
        at: at + 5000,
      });
      // The code is the same: its countdowns keep running from when it was sent.
      expect(state.sentAt).to.equal(onChallenge.sentAt);
      expect(state.step).to.equal('challenge');
      expect(state.challengeParameters).to.deep.equal({ attemptsLeft: ' 2' });
      expect(state.error).to.deep.equal({
        name: 'IncorrectChallengeAnswer',
        reason: 'WrongCodeAttemptsLeft',
        params: { attemptsLeft: 2 },
        step: 'challenge',
      });
    });

    it('says "wrong code" without a count when the trigger sends none or garbage', () => {
      const withoutCount: Array<Record<string, string>> = [{}, { attemptsLeft: 'many' }, { attemptsLeft: '' }];
      for (const parameters of withoutCount) {
        const result = customChallenge(parameters);
        const { state } = transition(onChallenge, { type: 'answered', call: 'confirmSignIn', result, at });
        expect(state.error).to.deep.equal({ name: 'IncorrectChallengeAnswer', reason: 'WrongCode', step: 'challenge' });
      }
    });

    it('treats a new challenge after a new sign-in on the challenge step as a new code, not a wrong answer', () => {
      const result = customChallenge({ attemptsLeft: '3' });
      const { state } = transition(onChallenge, { type: 'answered', call: 'signIn', result, at: at + 60_000 });
      expect(state).to.deep.equal({
        step: 'challenge',
        busy: false,
        challengeParameters: { attemptsLeft: '3' },
        sentAt: at + 60_000,
      });
    });

    it('asks for the signed-in user once tokens are issued, staying busy meanwhile', () => {
      for (const from of [onUsername, onChallenge]) {
        const { state, effect } = transition(from, { type: 'answered', call: 'confirmSignIn', result: signedIn, at });
        expect(effect).to.deep.equal({ type: 'load-user', restored: false });
        expect(state.busy).to.equal(true);
        expect(state.step).to.equal(from.step);
      }
    });

    it('remembers, until the user is looked up, that a sign-in link made the session', () => {
      const byLink = transition(onUsername, { type: 'answered', call: 'signIn', result: signedIn, at, link: true });
      expect(byLink.state).to.include({ busy: true, link: true });
      const byCode = transition(onChallenge, { type: 'answered', call: 'confirmSignIn', result: signedIn, at });
      expect(byCode.state).not.to.have.property('link');
    });

    it('refuses a step the form does not offer', () => {
      const result: SignInResult = { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' } };
      const { state } = transition(onChallenge, { type: 'answered', call: 'confirmSignIn', result, at });
      expect(state).to.deep.equal({
        step: 'username',
        busy: false,
        error: {
          name: 'UnsupportedSignInStep',
          message: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
          reason: 'UnsupportedSignInStep',
          step: 'challenge',
        },
      });
    });
  });

  describe('when a call fails', () => {
    const outcomes: Array<{
      call: 'signIn' | 'confirmSignIn';
      name: string;
      message: string;
      step: string;
      /** Absent when the built-in table has no text for the error (its name is looked up in overrides). */
      reason?: string;
    }> = [
      {
        call: 'signIn',
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
        step: 'username',
        reason: 'IncorrectCredentials',
      },
      {
        call: 'signIn',
        name: 'NotAuthorizedException',
        message: 'User is disabled.',
        step: 'username',
        reason: 'UserDisabled',
      },
      {
        call: 'signIn',
        name: 'UserNotFoundException',
        message: 'User does not exist.',
        step: 'username',
        reason: 'IncorrectCredentials',
      },
      {
        call: 'signIn',
        name: 'TypeError',
        message: 'Failed to fetch',
        step: 'username',
        reason: 'NetworkError',
      },
      {
        call: 'signIn',
        name: 'TypeError',
        message: "Cannot read properties of undefined (reading 'x')",
        step: 'username',
      },
      {
        call: 'signIn',
        name: 'LimitExceededException',
        message: 'Attempt limit exceeded.',
        step: 'username',
        reason: 'TooManyRequests',
      },
      {
        call: 'signIn',
        name: 'NetworkError',
        message: 'A network error has occurred.',
        step: 'username',
        reason: 'NetworkError',
      },
      {
        call: 'signIn',
        name: 'UserLambdaValidationException',
        message: 'DefineAuthChallenge failed.',
        step: 'username',
      },
      {
        call: 'confirmSignIn',
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
        step: 'username',
        reason: 'TooManyWrongCodes',
      },
      {
        call: 'confirmSignIn',
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
        step: 'username',
        reason: 'CodeExpired',
      },
      {
        call: 'confirmSignIn',
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
        step: 'username',
        reason: 'SessionEnded',
      },
      {
        call: 'confirmSignIn',
        name: 'NotAuthorizedException',
        message: 'User is disabled.',
        step: 'username',
        reason: 'UserDisabled',
      },
      {
        call: 'confirmSignIn',
        name: 'SignInException',
        message: 'An error occurred during the sign in process.',
        step: 'username',
        reason: 'CodeExpired',
      },
      {
        call: 'confirmSignIn',
        name: 'NetworkError',
        message: 'A network error has occurred.',
        step: 'challenge',
        reason: 'NetworkError',
      },
      {
        call: 'confirmSignIn',
        name: 'TooManyRequestsException',
        message: 'Rate exceeded',
        step: 'challenge',
        reason: 'TooManyRequests',
      },
    ];

    for (const { call, name, message, step, reason } of outcomes) {
      it(`${call}: ${name} "${message}" → ${step}, ${reason}`, () => {
        const from = call === 'signIn' ? onUsername : onChallenge;
        const { state, effect } = transition(from, { type: 'failed', call, error: authError(name, message) });
        expect(effect).to.equal(undefined);
        expect(state.step).to.equal(step);
        expect(state.busy).to.equal(false);
        expect(state.error).to.deep.equal({ name, message, ...(reason ? { reason } : {}), step: from.step });
      });
    }

    describe('when the limits across sign-ins refuse', () => {
      const refusal = (trigger: string, seconds: number) =>
        authError(
          'UserLambdaValidationException',
          `${trigger} failed with error TooManyAttempts retryAfterSeconds=${seconds}.`,
        );

      it('reports TooManyAttempts with the wait in whole minutes, rounded up, on the first form', () => {
        const { state } = transition(onUsername, {
          type: 'failed',
          call: 'signIn',
          error: refusal('CreateAuthChallenge', 840),
        });
        expect(state.step).to.equal('username');
        expect(state.error).to.deep.include({
          name: 'TooManyAttempts',
          reason: 'TooManyAttempts',
          params: { minutes: 14 },
        });
      });

      it('says to wait a moment (TooManyRequests) when a minute or less is left', () => {
        const { state } = transition(onUsername, {
          type: 'failed',
          call: 'signIn',
          error: refusal('CreateAuthChallenge', 25),
        });
        expect(state.error).to.deep.include({
          name: 'TooManyAttempts',
          reason: 'TooManyRequests',
          params: { minutes: 1 },
        });
      });

      it('leaves the code step for the first form when an answer is refused', () => {
        const { state } = transition(onChallenge, {
          type: 'failed',
          call: 'confirmSignIn',
          error: refusal('VerifyAuthChallengeResponse', 900),
        });
        expect(state.step).to.equal('username');
        expect(state.error).to.deep.include({ name: 'TooManyAttempts', params: { minutes: 15 }, step: 'challenge' });
      });

      it('ignores the marker outside the wording Cognito gives a trigger error', () => {
        const error = authError('NotAuthorizedException', 'TooManyAttempts retryAfterSeconds=600');
        const { state } = transition(onUsername, { type: 'failed', call: 'signIn', error });
        expect(state.error?.name).to.equal('NotAuthorizedException');
      });
    });

    it('keeps the challenge parameters when staying on the challenge', () => {
      const { state } = transition(onChallenge, {
        type: 'failed',
        call: 'confirmSignIn',
        error: authError('NetworkError', 'x'),
      });
      expect(state.challengeParameters).to.deep.equal({ attemptsLeft: '3' });
    });

    it('keeps the user when sign-out fails', () => {
      const { state } = transition(signedInState, { type: 'failed', call: 'signOut', error: new Error('boom') });
      expect(state.step).to.equal('signed-in');
      expect(state.user).to.deep.equal(signedInState.user);
      expect(state.error?.name).to.equal('Error');
    });

    it('turns an existing session into a signed-in user instead of an error', () => {
      const error = authError('UserAlreadyAuthenticatedException', 'There is already a signed in user.');
      const { state, effect } = transition(onUsername, { type: 'failed', call: 'signIn', error });
      expect(effect).to.deep.equal({ type: 'load-user', restored: true });
      expect(state.error).to.equal(undefined);
    });

    it('names a thrown non-error UnknownError', () => {
      const { state } = transition(onUsername, { type: 'failed', call: 'signIn', error: 'just a string' });
      expect(state.error).to.deep.equal({
        name: 'UnknownError',
        message: undefined,
        reason: 'UnknownError',
        step: 'username',
      });
    });
  });

  describe('when the user or the page acts', () => {
    it('marks a call in flight, named, and clears the previous error', () => {
      const withError: FlowState = {
        step: 'username',
        busy: false,
        error: { name: 'x', reason: 'UnknownError', step: 'username' },
      };
      expect(transition(withError, { type: 'call-started', call: 'signIn' }).state).to.deep.equal({
        step: 'username',
        busy: true,
        call: 'signIn',
        error: undefined,
      });
    });

    it('forgets the call once it failed', () => {
      const { state } = transition(onChallenge, { type: 'failed', call: 'confirmSignIn', error: new Error('x') });
      expect(state.busy).to.equal(false);
      expect(state).to.not.have.property('call');
    });

    it('reports missing input under the auth library’s own names', () => {
      const { state } = transition(
        { step: 'challenge', busy: false },
        { type: 'input-invalid', name: 'EmptyChallengeResponse' },
      );
      expect(state.error).to.deep.equal({
        name: 'EmptyChallengeResponse',
        reason: 'EmptyChallengeResponse',
        params: undefined,
        step: 'challenge',
      });
    });

    it('reports over-long input with the limit', () => {
      const { state } = transition(
        { step: 'username', busy: false },
        { type: 'input-invalid', name: 'SignInUsernameTooLong', params: { max: 128 } },
      );
      expect(state.error).to.deep.equal({
        name: 'SignInUsernameTooLong',
        reason: 'TooLong',
        params: { max: 128 },
        step: 'username',
      });
    });

    it('shows a configuration problem on the username form', () => {
      const { state } = transition(initialFlowState, {
        type: 'config-invalid',
        reason: 'ConfigurationInvalidPoolId',
        params: { value: 'devpool' },
      });
      expect(state).to.deep.equal({
        step: 'username',
        busy: false,
        error: {
          name: 'ConfigurationError',
          reason: 'ConfigurationInvalidPoolId',
          params: { value: 'devpool' },
          step: 'loading',
        },
      });
    });

    it('resets a sign-in in progress to a clean username form', () => {
      expect(transition(onChallenge, { type: 'reset' }).state).to.deep.equal({ step: 'username', busy: false });
    });

    it('ignores a reset while loading or signed in', () => {
      expect(transition(initialFlowState, { type: 'reset' }).state).to.equal(initialFlowState);
      expect(transition(signedInState, { type: 'reset' }).state).to.equal(signedInState);
    });

    it('returns to the username form after signing out', () => {
      expect(transition(signedInState, { type: 'signed-out' }).state).to.deep.equal({ step: 'username', busy: false });
    });
  });

  describe('when the code’s lifetime runs out', () => {
    const { call: _none, ...idleFields } = onChallenge;
    const idleOnChallenge: FlowState = { ...idleFields, busy: false };

    it('stays on the challenge and says the code expired', () => {
      const { state } = transition(idleOnChallenge, { type: 'code-expired' });
      expect(state).to.deep.equal({
        ...idleOnChallenge,
        error: { name: 'CodeExpired', reason: 'CodeExpired', step: 'challenge' },
      });
    });

    it('leaves a call in flight, and every other step, alone', () => {
      for (const from of [onChallenge, onUsername, signedInState, initialFlowState]) {
        expect(transition(from, { type: 'code-expired' }).state).to.equal(from);
      }
    });

    it('says it once', () => {
      const expired = transition(idleOnChallenge, { type: 'code-expired' }).state;
      expect(transition(expired, { type: 'code-expired' }).state).to.equal(expired);
    });
  });

  describe('the status it announces', () => {
    it('names the call in flight', () => {
      const calls = { getCurrentUser: 'loading', signIn: 'sending', confirmSignIn: 'checking', signOut: 'signingOut' };
      for (const [call, key] of Object.entries(calls)) {
        const state = transition(onUsername, { type: 'call-started', call: call as keyof typeof calls }).state;
        expect(statusOf(state, false), call).to.equal(key);
      }
      expect(statusOf(initialFlowState, false)).to.equal('loading');
    });

    it('says a sign-in started before the auth library arrived is being prepared, until it is sent', () => {
      const waiting = transition(onUsername, { type: 'call-started', call: 'signIn', preparing: true }).state;
      expect(waiting).to.deep.equal({
        step: 'username',
        busy: true,
        call: 'signIn',
        error: undefined,
        preparing: true,
      });
      expect(statusOf(waiting, false)).to.equal('preparing');
      const sent = transition(waiting, { type: 'call-started', call: 'signIn' }).state;
      expect(sent).to.deep.equal({ step: 'username', busy: true, call: 'signIn', error: undefined });
      expect(statusOf(sent, false)).to.equal('sending');
    });

    it('forgets the wait when the call fails', () => {
      const waiting = transition(onUsername, { type: 'call-started', call: 'signIn', preparing: true }).state;
      const { state } = transition(waiting, {
        type: 'failed',
        call: 'signIn',
        error: new TypeError('Failed to fetch'),
      });
      expect(state).to.not.have.property('preparing');
      expect(state).to.include({ step: 'username', busy: false });
    });

    it('keeps naming the answered call while the signed-in user is looked up', () => {
      const { state } = transition(onChallenge, { type: 'answered', call: 'confirmSignIn', result: signedIn, at });
      expect(statusOf(state, false)).to.equal('checking');
    });

    it('says a new code may be requested once the cooldown is over, on the challenge step only', () => {
      const idle: FlowState = { step: 'challenge', busy: false, sentAt: at };
      expect(statusOf(idle, true)).to.equal('resendReady');
      expect(statusOf(idle, false)).to.equal(undefined);
      expect(statusOf({ step: 'username', busy: false }, true)).to.equal(undefined);
    });
  });

  describe('without the sign-up chunk', () => {
    it('ignores the switch to the sign-up form, whose button only the chunk renders', () => {
      const onUsername: FlowState = { step: 'username', busy: false };
      expect(transition(onUsername, { type: 'show', step: 'sign-up' }).state).to.equal(onUsername);
    });
  });

  describe('with sign-up (its transitions, which the sign-up chunk adds to the machine)', () => {
    const onSignUp: FlowState = { step: 'sign-up', busy: false };
    const signingUp: FlowState = { step: 'sign-up', busy: true, call: 'signUp' };
    before(() => flowExtensions.push(signUpFlow));
    after(() => void flowExtensions.splice(flowExtensions.indexOf(signUpFlow), 1));

    describe('when the user switches between the first forms', () => {
      it('goes to the sign-up form and back, dropping an error shown on the other', () => {
        const error = { name: 'EmptySignInUsername', reason: 'EmptySignInUsername', step: 'username' } as const;
        expect(
          transition({ step: 'username', busy: false, error }, { type: 'show', step: 'sign-up' }).state,
        ).to.deep.equal(onSignUp);
        expect(transition(onSignUp, { type: 'show', step: 'username' }).state).to.deep.equal({
          step: 'username',
          busy: false,
        });
      });

      it('ignores the switch while a call is out, and on every other step', () => {
        for (const from of [signingUp, onChallenge, signedInState, initialFlowState]) {
          expect(transition(from, { type: 'show', step: 'sign-up' }).state).to.equal(from);
        }
      });
    });

    describe('when the sign-up is answered', () => {
      it('starts the sign-in that sends the first code, busy, for a new account', () => {
        const { state, effect } = transition(signingUp, { type: 'signed-up', result: signUpDone, at });
        expect(effect).to.deep.equal({ type: 'sign-in' });
        expect(state).to.deep.equal({ step: 'sign-up', busy: true, call: 'signIn', newUser: true });
      });

      it('does exactly the same for an address that already has an account, without an error', () => {
        const { state, effect } = transition(signingUp, {
          type: 'failed',
          call: 'signUp',
          error: authError('UsernameExistsException', 'An account with the given email already exists.'),
        });
        expect(effect).to.deep.equal({ type: 'sign-in' });
        expect(state).to.deep.equal({ step: 'sign-up', busy: true, call: 'signIn', newUser: false });
      });

      it('carries whether the account is new through the code (new codes and wrong ones) to the signed-in user', () => {
        let state = transition(signingUp, { type: 'signed-up', result: signUpDone, at }).state;
        state = transition(state, {
          type: 'answered',
          call: 'signIn',
          result: customChallenge({ attemptsLeft: '2' }),
          at,
        }).state;
        expect(state).to.include({ step: 'challenge', newUser: true });
        state = transition(state, {
          type: 'answered',
          call: 'confirmSignIn',
          result: customChallenge({ attemptsLeft: '2' }),
          at,
        }).state;
        expect(state).to.include({ step: 'challenge', newUser: true });
        expect(state.error?.name).to.equal('IncorrectChallengeAnswer');
        state = transition(state, {
          type: 'answered',
          call: 'signIn',
          result: customChallenge({ attemptsLeft: '2' }),
          at,
        }).state;
        state = transition(state, { type: 'answered', call: 'confirmSignIn', result: signedIn, at }).state;
        const user = { username: 'uuid-1', userId: 'uuid-1', loginId: 'new@example.com' };
        state = transition(state, { type: 'user-found', user, restored: false }).state;
        expect(state).to.deep.equal({ step: 'signed-in', busy: false, user, restored: false, newUser: true });
      });
    });

    describe('when the sign-up fails', () => {
      it('says so on the sign-up form when the pool takes no sign-ups', () => {
        const message = 'SignUp is not permitted for this user pool';
        const { state, effect } = transition(signingUp, {
          type: 'failed',
          call: 'signUp',
          error: authError('NotAuthorizedException', message),
        });
        expect(effect).to.equal(undefined);
        expect(state).to.deep.equal({
          step: 'sign-up',
          busy: false,
          error: { name: 'NotAuthorizedException', message, reason: 'SignUpNotAllowed', step: 'sign-up' },
        });
      });

      it('keeps the sign-up form for a network failure, so the user can try again', () => {
        const { state } = transition(signingUp, {
          type: 'failed',
          call: 'signUp',
          error: Object.assign(new TypeError('Failed to fetch'), { name: 'TypeError' }),
        });
        expect(state.step).to.equal('sign-up');
        expect(state.error?.reason).to.equal('NetworkError');
      });

      it('sends a refusal of the limits back to the first form, as for a sign-in', () => {
        const message = 'PreSignUp failed with error TooManyAttempts retryAfterSeconds=600.';
        const { state } = transition(signingUp, {
          type: 'failed',
          call: 'signUp',
          error: authError('UserLambdaValidationException', message),
        });
        expect(state.step).to.equal('username');
        expect(state.error).to.include({ name: 'TooManyAttempts', reason: 'TooManyAttempts' });
      });
    });
  });
});
