/**
 * The sign-in state machine with the sign-up and user-auth chunks' rules: the code that confirms a new account
 * (Cognito's passwordless sign-up), the auto sign-in after it, and the ways back to an ordinary sign-in.
 */
import { expect } from '@open-wc/testing';
import { fieldsAfter, focusAfter } from '../../src/sign-in-follow-ups.js';
import { flowExtensions, transition, type FlowEvent, type FlowState } from '../../src/sign-in-flow.js';
import { signUpFlow } from '../../src/sign-up-flow.js';
import '../../src/user-auth.js';
import {
  authError,
  autoSignInReady,
  codeSent,
  signedIn,
  signUpCodeSent,
  signUpDone,
} from './support/fake-auth-adapter.js';

const at = Date.UTC(2026, 11, 2, 12);
const signingUp: FlowState = { step: 'sign-up', busy: true, call: 'signUp' };
const onSignUpCode: FlowState = {
  step: 'challenge',
  busy: false,
  signUpCode: true,
  challengeParameters: { deliveryMedium: 'EMAIL', destination: 'n***@e***.com' },
  sentAt: at - 20_000,
  newUser: true,
};
const confirming: FlowState = { ...onSignUpCode, busy: true, call: 'confirmSignUp' };
const failed = (
  call: 'confirmSignUp' | 'autoSignIn' | 'resendSignUpCode',
  name: string,
  message = name,
): FlowEvent => ({
  type: 'failed',
  call,
  error: authError(name, message),
});

describe('sign-up with a code that confirms the account (state machine)', () => {
  before(() => flowExtensions.unshift(signUpFlow));

  describe('when the passwordless sign-up asks for the code Cognito sent', () => {
    it('shows the challenge step for it, with where it went, counting from now', () => {
      const { state, effect } = transition(signingUp, {
        type: 'signed-up',
        result: signUpCodeSent('n***@e***.com'),
        at,
      });
      expect(effect).to.equal(undefined);
      expect(state).to.deep.equal({
        step: 'challenge',
        busy: false,
        signUpCode: true,
        challengeParameters: { deliveryMedium: 'EMAIL', destination: 'n***@e***.com' },
        sentAt: at,
        newUser: true,
      });
      expect(focusAfter(signingUp, state)).to.equal('code-input');
    });

    it('asks for the confirmation when the user submits the code, not while a call is out', () => {
      const asked = transition(onSignUpCode, { type: 'sign-up-call', call: 'confirmSignUp' });
      expect(asked).to.deep.equal({ state: onSignUpCode, effect: { type: 'sign-up', call: 'confirmSignUp' } });
      expect(transition(confirming, { type: 'sign-up-call', call: 'confirmSignUp' })).to.deep.equal({
        state: confirming,
      });
    });

    it('asks for a new code with "Send a new code", and shows it as a new round (empty field, new countdowns)', () => {
      const { effect } = transition(onSignUpCode, { type: 'sign-up-call', call: 'resendSignUpCode' });
      expect(effect).to.deep.equal({ type: 'sign-up', call: 'resendSignUpCode' });
      const resending: FlowState = { ...onSignUpCode, busy: true, call: 'resendSignUpCode' };
      const delivery = { deliveryMedium: 'EMAIL', destination: 'n***@e***.com' };
      const { state } = transition(resending, { type: 'sign-up-code-sent', delivery, at: at + 60_000 });
      expect(state).to.include({ step: 'challenge', busy: false, signUpCode: true, sentAt: at + 60_000 });
      const fields = { username: 'new@example.com', password: '', code: '123456', heldPassword: '' };
      expect(fieldsAfter(resending, state, fields).code).to.equal('');
    });
  });

  describe('when the code is confirmed', () => {
    it('runs the auto sign-in, which signs in without another code', () => {
      const { state, effect } = transition(confirming, { type: 'signed-up', result: autoSignInReady, at });
      expect(effect).to.deep.equal({ type: 'sign-up', call: 'autoSignIn' });
      expect(state).to.include({ step: 'challenge', busy: true, call: 'autoSignIn', newUser: true });
      expect(state).not.to.have.property('signUpCode');

      const signingIn = transition(state, { type: 'answered', call: 'autoSignIn', result: signedIn, at });
      expect(signingIn.effect).to.deep.equal({ type: 'load-user', restored: false });
      const user = { username: 'uuid-2', userId: 'uuid-2', loginId: 'new@example.com' };
      expect(transition(signingIn.state, { type: 'user-found', user, restored: false }).state).to.deep.equal({
        step: 'signed-in',
        busy: false,
        user,
        restored: false,
        newUser: true,
      });
    });

    it('signs in the ordinary way when Amplify no longer holds the sign-up (after a reload, or three minutes)', () => {
      const { state, effect } = transition(confirming, { type: 'signed-up', result: signUpDone, at });
      expect(effect).to.deep.equal({ type: 'sign-in' });
      expect(state).to.include({ busy: true, call: 'signIn', newUser: true });
      expect(state).not.to.have.property('signUpCode');
    });

    it('goes on with the sign-in when the auto sign-in still asks for a code (a pool that confirmed at once)', () => {
      const auto = transition(signingUp, { type: 'signed-up', result: autoSignInReady, at });
      expect(auto.effect).to.deep.equal({ type: 'sign-up', call: 'autoSignIn' });
      const { state } = transition(auto.state, {
        type: 'answered',
        call: 'autoSignIn',
        result: codeSent('EMAIL_OTP', 'n***@e***.com'),
        at,
      });
      expect(state).to.deep.include({ step: 'challenge', method: 'EMAIL_OTP', sentAt: at, newUser: true });
      expect(state).not.to.have.property('signUpCode');
    });

    it('falls back to an ordinary sign-in when no auto sign-in is prepared, or Cognito refuses its session', () => {
      const autoSigningIn: FlowState = { step: 'challenge', busy: true, call: 'autoSignIn', newUser: true };
      for (const name of ['AutoSignInException', 'NotAuthorizedException']) {
        expect(transition(autoSigningIn, failed('autoSignIn', name)).effect, name).to.deep.equal({ type: 'sign-in' });
      }
    });
  });

  describe('when the code is not taken', () => {
    it('says a wrong code is wrong and keeps the field for another try', () => {
      const { state } = transition(confirming, failed('confirmSignUp', 'CodeMismatchException', 'Invalid code'));
      expect(state).to.include({ step: 'challenge', busy: false, signUpCode: true });
      expect(state.error).to.include({ name: 'CodeMismatchException', reason: 'WrongCode' });
      const fields = { username: 'new@example.com', password: '', code: '111111', heldPassword: '' };
      expect(fieldsAfter(confirming, state, fields).code).to.equal('111111');
    });

    it('closes the field of an expired code, so a new one is asked for', () => {
      const { state } = transition(confirming, failed('confirmSignUp', 'ExpiredCodeException', 'Invalid code'));
      expect(state.error).to.include({ name: 'CodeExpired', reason: 'CodeExpired' });
      expect(focusAfter(confirming, state)).to.equal('resend-button');
    });

    it('says to wait after too many attempts, and keeps the step', () => {
      const limited = [
        failed('confirmSignUp', 'LimitExceededException'),
        failed(
          'confirmSignUp',
          'NotAuthorizedException',
          'Attempt limit exceeded, please try after some time. TooManyAttempts retryAfterSeconds=600',
        ),
      ];
      for (const event of limited) {
        const { state } = transition(confirming, event);
        expect(state).to.include({ step: 'challenge', signUpCode: true });
        expect(state.error?.reason).to.equal('TooManyRequests');
      }
    });

    it('asks for a new code once Cognito has spent this one on wrong tries', () => {
      const { state } = transition(confirming, failed('confirmSignUp', 'TooManyFailedAttemptsException'));
      expect(state).to.include({ step: 'challenge', signUpCode: true });
      expect(state.error?.reason).to.equal('TooManyWrongCodes');
    });

    it('keeps the step and what was typed when the network fails', () => {
      const offline = {
        type: 'failed',
        call: 'confirmSignUp',
        error: Object.assign(new TypeError('Failed to fetch'), { name: 'TypeError' }),
      } as const;
      const { state } = transition(confirming, offline);
      expect(state).to.include({ step: 'challenge', signUpCode: true });
      expect(state.error?.reason).to.equal('NetworkError');
    });

    it('signs in when the account turns out to be confirmed already', () => {
      const message = 'User cannot be confirmed. Current status is CONFIRMED';
      const { effect } = transition(confirming, failed('confirmSignUp', 'NotAuthorizedException', message));
      expect(effect).to.deep.equal({ type: 'sign-in' });
    });
  });

  describe('when a sign-in meets an account whose code was never typed', () => {
    it('sends a new code that confirms it, from whichever first form the user was on', () => {
      const sendingUsername: FlowState = { step: 'username', busy: true, call: 'signIn' };
      const { state, effect } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } },
        at,
      });
      expect(effect).to.deep.equal({ type: 'sign-up', call: 'resendSignUpCode' });
      expect(state).to.include({ step: 'username', busy: true, call: 'resendSignUpCode', newUser: true });
    });

    it('says so on the first form when no code can be sent', () => {
      const resending: FlowState = { step: 'username', busy: true, call: 'resendSignUpCode', newUser: true };
      const { state } = transition(resending, failed('resendSignUpCode', 'LimitExceededException'));
      expect(state).to.include({ step: 'username', busy: false });
      expect(state.error?.reason).to.equal('TooManyRequests');
    });
  });
});
