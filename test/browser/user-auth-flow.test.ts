/**
 * The sign-in state machine with the user-auth chunk loaded: Cognito's own passwordless flow (USER_AUTH), from
 * Amplify's next steps and errors to the element's steps.
 */
import { expect } from '@open-wc/testing';
import { focusAfter } from '../../src/sign-in-follow-ups.js';
import { statusOf, type FlowEvent, type FlowState } from '../../src/sign-in-flow.js';
// Registers the chunk's statuses, as loading it does.
import '../../src/user-auth.js';
import { transitionWithUserAuth as transition } from '../../src/user-auth-flow.js';
import { authError, codeSent, firstFactorSelection, signedIn } from './support/fake-auth-adapter.js';

const at = Date.UTC(2026, 11, 2, 12);
const sendingUsername: FlowState = { step: 'username', busy: true, call: 'signIn' };
const onChoose: FlowState = { step: 'choose', busy: false, methods: ['WEB_AUTHN', 'EMAIL_OTP'] };
const usingPasskey: FlowState = { ...onChoose, busy: true, call: 'WEB_AUTHN' };
const choosingEmail: FlowState = { ...onChoose, busy: true, call: 'EMAIL_OTP' };
const onEmailCode: FlowState = {
  step: 'challenge',
  busy: true,
  call: 'confirmSignIn',
  method: 'EMAIL_OTP',
  methods: ['WEB_AUTHN', 'EMAIL_OTP'],
  challengeParameters: { deliveryMedium: 'EMAIL', destination: 'a***@e***.com' },
  sentAt: at - 10_000,
};

const failedWith = (call: 'WEB_AUTHN' | 'EMAIL_OTP' | 'confirmSignIn', name: string, message = name): FlowEvent => ({
  type: 'failed',
  call,
  error: authError(name, message),
});

describe('sign-in flow with auth-flow="user-auth" (state machine)', () => {
  describe('when the pool lets the user pick the first factor', () => {
    it('shows the choose step with the factors the element offers, passkey first', () => {
      const { state, effect } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: firstFactorSelection(['EMAIL_OTP', 'PASSWORD', 'WEB_AUTHN', 'SMS_OTP']),
        at,
      });
      expect(state).to.deep.equal({ step: 'choose', busy: false, methods: ['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP'] });
      expect(effect).to.equal(undefined);
    });

    it('goes on at once with the preferred factor when it is offered', () => {
      const { state, effect } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: firstFactorSelection(['EMAIL_OTP', 'WEB_AUTHN']),
        at,
        preferred: 'WEB_AUTHN',
      });
      expect(state).to.deep.include({ step: 'choose', busy: true, call: 'WEB_AUTHN' });
      expect(effect).to.deep.equal({ type: 'confirm', call: 'WEB_AUTHN', response: 'WEB_AUTHN' });
      expect(statusOf(state, false)).to.equal('usePasskey');
    });

    it('lists what is offered when the preferred factor is not', () => {
      const { state, effect } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: firstFactorSelection(['EMAIL_OTP']),
        at,
        preferred: 'WEB_AUTHN',
      });
      expect(state).to.deep.equal({ step: 'choose', busy: false, methods: ['EMAIL_OTP'] });
      expect(effect).to.equal(undefined);
    });

    it('refuses, as any unsupported step, a pool that offers only a password', () => {
      const { state } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: firstFactorSelection(['PASSWORD', 'PASSWORD_SRP']),
        at,
      });
      expect(state.step).to.equal('username');
      expect(state.error).to.deep.include({ name: 'UnsupportedSignInStep' });
    });

    it('focuses the first method button', () => {
      const { state } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: firstFactorSelection(['EMAIL_OTP']),
        at,
      });
      expect(focusAfter(sendingUsername, state)).to.equal('method-button');
    });
  });

  describe('when a code was sent by email or SMS', () => {
    it('asks for it on the challenge step, with where it went and the countdowns from now', () => {
      const { state } = transition(choosingEmail, {
        type: 'answered',
        call: 'EMAIL_OTP',
        result: codeSent('EMAIL_OTP', 'a***@e***.com'),
        at,
      });
      expect(state).to.deep.equal({
        step: 'challenge',
        busy: false,
        method: 'EMAIL_OTP',
        methods: ['WEB_AUTHN', 'EMAIL_OTP'],
        challengeParameters: { deliveryMedium: 'EMAIL', destination: 'a***@e***.com' },
        sentAt: at,
      });
    });

    it('remembers an SMS code as such, so that a new one is texted too', () => {
      const { state } = transition(sendingUsername, {
        type: 'answered',
        call: 'signIn',
        result: codeSent('SMS_OTP', '+*******1234'),
        at,
      });
      expect(state).to.deep.include({ step: 'challenge', method: 'SMS_OTP', sentAt: at });
      expect(state.challengeParameters).to.deep.equal({ deliveryMedium: 'SMS', destination: '+*******1234' });
    });

    it('keeps the code field open after a wrong code, saying so', () => {
      const { state } = transition(onEmailCode, failedWith('confirmSignIn', 'CodeMismatchException'));
      expect(state).to.deep.include({
        step: 'challenge',
        busy: false,
        method: 'EMAIL_OTP',
        sentAt: onEmailCode.sentAt,
      });
      expect(state.error).to.deep.include({ name: 'CodeMismatchException', reason: 'WrongCode' });
    });

    it('closes the code field once Cognito says the code expired', () => {
      const { state } = transition(onEmailCode, failedWith('confirmSignIn', 'ExpiredCodeException'));
      expect(state.step).to.equal('challenge');
      expect(state.error).to.deep.include({ name: 'CodeExpired', reason: 'CodeExpired' });
    });

    it('signs in with the right code', () => {
      const { effect } = transition(onEmailCode, { type: 'answered', call: 'confirmSignIn', result: signedIn, at });
      expect(effect).to.deep.equal({ type: 'load-user', restored: false });
    });
  });

  describe('when the passkey prompt does not give a passkey', () => {
    for (const name of ['PasskeyAuthenticationCanceled', 'NotAllowedError', 'PasskeyOperationAborted']) {
      it(`goes back to the choice, saying the passkey was not used (${name})`, () => {
        const { state } = transition(usingPasskey, failedWith('WEB_AUTHN', name));
        expect(state).to.deep.include({ step: 'choose', busy: false, methods: onChoose.methods });
        expect(state.error).to.deep.include({ name, reason: 'PasskeyCanceled' });
        expect(state.afterPasskey).to.equal(true);
        expect(focusAfter(usingPasskey, state)).to.equal('method-button');
      });
    }

    it('goes back to the choice, saying a passkey cannot be used here, when the device has none', () => {
      const { state } = transition(usingPasskey, failedWith('WEB_AUTHN', 'PasskeyNotSupported'));
      expect(state).to.deep.include({ step: 'choose', busy: false, methods: onChoose.methods });
      expect(state.error).to.deep.include({ reason: 'PasskeyUnusable' });
    });

    it('starts over from the first form when Cognito rejects the passkey (deleted, or of another pool)', () => {
      const { state } = transition(usingPasskey, failedWith('WEB_AUTHN', 'NotAuthorizedException', 'Incorrect'));
      expect(state).to.deep.include({ step: 'username', busy: false });
      expect(state.error).to.deep.include({ name: 'NotAuthorizedException', reason: 'PasskeyRejected' });
    });

    it('keeps the choice open, with the usual text, when the network fails', () => {
      const { state } = transition(usingPasskey, failedWith('WEB_AUTHN', 'TypeError', 'Failed to fetch'));
      expect(state).to.deep.include({ step: 'choose', busy: false, methods: onChoose.methods });
      expect(state.error).to.deep.include({ reason: 'NetworkError' });
    });
  });

  describe('when a factor is picked after the passkey prompt failed', () => {
    const afterCancel: FlowState = { ...onChoose, afterPasskey: true };
    const invalidSession = 'Invalid session for the user.';

    it('starts a new sign-in for a code when Cognito will not switch the sign-in to it', () => {
      const picking: FlowState = { ...afterCancel, busy: true, call: 'EMAIL_OTP' };
      const { state, effect } = transition(picking, failedWith('EMAIL_OTP', 'NotAuthorizedException', invalidSession));
      expect(state).to.deep.equal({
        step: 'choose',
        busy: true,
        call: 'signIn',
        methods: onChoose.methods,
        method: 'EMAIL_OTP',
      });
      expect(effect).to.deep.equal({ type: 'sign-in' });
    });

    it('goes on to the passkey again once the new sign-in offers the choice', () => {
      const restarting: FlowState = { step: 'choose', busy: true, call: 'signIn', method: 'WEB_AUTHN' };
      const { state, effect } = transition(restarting, {
        type: 'answered',
        call: 'signIn',
        result: firstFactorSelection(['EMAIL_OTP', 'WEB_AUTHN']),
        at,
      });
      expect(state).to.deep.include({ step: 'choose', busy: true, call: 'WEB_AUTHN' });
      expect(effect).to.deep.equal({ type: 'confirm', call: 'WEB_AUTHN', response: 'WEB_AUTHN' });
    });

    it('does not start over when the passkey itself is rejected', () => {
      const retrying: FlowState = { ...afterCancel, busy: true, call: 'WEB_AUTHN' };
      const incorrect = 'Incorrect username or password.';
      const { state, effect } = transition(retrying, failedWith('WEB_AUTHN', 'NotAuthorizedException', incorrect));
      expect(state.step).to.equal('username');
      expect(state.error).to.deep.include({ reason: 'PasskeyRejected' });
      expect(effect).to.equal(undefined);
    });
  });

  describe('when a pick from the choose step fails', () => {
    it('starts over from the first form once the sign-in has lapsed', () => {
      const { state } = transition(choosingEmail, failedWith('EMAIL_OTP', 'NotAuthorizedException', 'Invalid session'));
      expect(state).to.deep.include({ step: 'username', busy: false });
      expect(state.error).to.deep.include({ reason: 'SessionEnded' });
    });

    it('stays on the choice when it was too many requests', () => {
      const { state } = transition(choosingEmail, failedWith('EMAIL_OTP', 'LimitExceededException'));
      expect(state).to.deep.include({ step: 'choose', methods: onChoose.methods });
      expect(state.error).to.deep.include({ reason: 'TooManyRequests' });
    });
  });

  describe('what it leaves to the machine', () => {
    it('custom challenges and their wrong answers', () => {
      const { state } = transition(
        { step: 'challenge', busy: true, call: 'confirmSignIn', challengeParameters: {}, sentAt: at },
        failedWith('confirmSignIn', 'NotAuthorizedException', 'Incorrect username or password.'),
      );
      expect(state.step).to.equal('username');
    });

    it('"Use a different username" from the choice', () => {
      expect(transition(onChoose, { type: 'reset' }).state).to.deep.equal({ step: 'username', busy: false });
    });
  });
});
