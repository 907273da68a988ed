/**
 * The sign-in state machine: given the current state and what just happened (a user action, an auth library
 * result or error), it returns the next state and any follow-up work. Pure: no DOM and no auth library, so
 * every rule about Cognito's and Amplify's behaviour is written down, and tested, here.
 */
import type { AuthChange, AuthUser, CodeDelivery, FirstFactor, SignInResult, SignUpResult } from './auth-adapter.js';
import type { ConfigProblem } from './auth-config.js';
import { en, type StringKey } from './strings/en.js';
import type { LinkTextKey } from './strings/en-link.js';
import type { SignUpKey } from './strings/sign-up.js';
import type { UserAuthKey } from './strings/user-auth.js';

/**
 * The element's steps; reflected as its `step` attribute. `sign-up` only with the `sign-up` attribute, `choose`
 * (the first factor) only with `auth-flow="user-auth"`.
 */
export type AuthStep = 'loading' | 'username' | 'sign-up' | 'choose' | 'challenge' | 'signed-in';

/** Sign-up's calls after the account was asked for: its confirmation code, a new code, the auto sign-in. */
export type SignUpCall = 'confirmSignUp' | 'resendSignUpCode' | 'autoSignIn';

/**
 * The auth library calls whose failures the machine interprets. A first factor (`EMAIL_OTP`, …) is `USER_AUTH`'s
 * `confirmSignIn` with the factor picked on `choose`: a code is sent, or the passkey prompt runs inside the call.
 */
export type AuthCall = 'signIn' | 'confirmSignIn' | 'getCurrentUser' | 'signOut' | 'signUp' | SignUpCall | FirstFactor;

/**
 * Input the element refuses before calling anything: Amplify's own names for empty fields, and ours for
 * values longer than Cognito accepts.
 */
export type InputProblem =
  | 'EmptySignInUsername'
  | 'EmptySignInPassword'
  | 'EmptyChallengeResponse'
  | 'SignInUsernameTooLong'
  | 'ChallengeResponseTooLong'
  | 'InvalidEmail';

/** A failure to show in the error part and to report through `auth-error`. */
export interface FlowError {
  /** The name reported to the page: Cognito's or Amplify's error name, or one of the element's own. */
  readonly name: string;
  /** The library's own message, if there was one; reported to the page, never shown to the user. */
  readonly message?: string;
  /** What the user is told: a key of the text table; absent when the text is looked up by `name` alone. */
  readonly reason?: StringKey | SignUpKey | LinkTextKey | ConfigProblem | UserAuthKey;
  /** Values for the text's placeholders. */
  readonly params?: Readonly<Record<string, string | number>>;
  /** The step the user was on when it happened. */
  readonly step: AuthStep;
}

export interface FlowState {
  readonly step: AuthStep;
  /** An auth library call is in flight: the element accepts no new submit. */
  readonly busy: boolean;
  /** While busy: the call in flight, which the status region names. */
  readonly call?: AuthCall;
  /** While busy: the call waits for the auth library, still on its way, before anything is sent. */
  readonly preparing?: true;
  /** On `challenge`: when the code of the current round was sent, on the clock the events carry. */
  readonly sentAt?: number;
  /** On `challenge`: the public challenge parameters of the current round. */
  readonly challengeParameters?: Readonly<Record<string, string>>;
  readonly error?: FlowError;
  /** On `signed-in`: who. */
  readonly user?: AuthUser;
  /** On `signed-in`: the session already existed rather than being created by this form. */
  readonly restored?: boolean;
  /** From a sign-up on: whether it created the account (false when the address already had one). */
  readonly newUser?: boolean;
  /** On `signed-in`: a sign-in link made the session. */
  readonly link?: true;
  /** `USER_AUTH`, from the `choose` step on: the first factors the pool offers this user. */
  readonly methods?: readonly FirstFactor[];
  /**
   * `USER_AUTH`, on `challenge`: the first factor whose code is asked for (a new code is sent the same way); on
   * `choose`, while a new sign-in is started to reach it: the factor picked.
   */
  readonly method?: FirstFactor;
  /** `USER_AUTH`, on `choose`: the passkey prompt failed, so Cognito may have ended the sign-in behind the choice. */
  readonly afterPasskey?: true;
  /**
   * On `challenge`: the code confirms a new account (Cognito's sign-up code, `USER_AUTH`'s passwordless sign-up),
   * so it is answered with `confirmSignUp` and a new one comes from `resendSignUpCode`.
   */
  readonly signUpCode?: true;
}

export type FlowEvent =
  /** `nothingStored`: the token storage holds nothing of the client's, so the first form is shown at once. */
  | { type: 'restoring'; nothingStored?: true }
  | { type: 'config-invalid'; reason: ConfigProblem; params?: Readonly<Record<string, string>> }
  | { type: 'input-invalid'; name: InputProblem; params?: Readonly<Record<string, number>> }
  /** `preparing`: the call waits for the auth library to arrive (a later `call-started` says it is sent). */
  | { type: 'call-started'; call: AuthCall; preparing?: true }
  /**
   * `at`: when the answer arrived (epoch milliseconds), the start of a new code's countdowns; `link` when a
   * sign-in link made the sign-in; `preferred`: the first factor the element prefers (`USER_AUTH`).
   */
  | {
      type: 'answered';
      call: AuthCall;
      result: SignInResult;
      at: number;
      link?: true;
      preferred?: FirstFactor | undefined;
    }
  | { type: 'failed'; call: AuthCall; error: unknown }
  | { type: 'user-found'; user: AuthUser; restored: boolean; link?: true }
  | { type: 'signed-out' }
  | { type: 'reset' }
  | { type: 'code-expired' }
  /** The user asked for the other first form: sign-up or sign-in. */
  | { type: 'show'; step: 'username' | 'sign-up' }
  /** The sign-up, or its confirmation, moved on (`at`: when the answer arrived, the start of a code's countdowns). */
  | { type: 'signed-up'; result: SignUpResult; at: number }
  /** A new code confirming the account was sent. */
  | { type: 'sign-up-code-sent'; delivery: CodeDelivery; at: number }
  /** The user asked for one of sign-up's calls on the `challenge` step: the code typed, or a new one. */
  | { type: 'sign-up-call'; call: Exclude<SignUpCall, 'autoSignIn'> };

/**
 * Work the element has to do after a transition: look up the user the stored tokens belong to, or (after a
 * sign-up, see src/sign-up-flow.ts) start the sign-in that sends the first code.
 */
export type Effect =
  | { readonly type: 'load-user'; readonly restored: boolean }
  | { readonly type: 'sign-in' }
  /** Answer the current challenge with `response` (`USER_AUTH`: the preferred first factor, when offered). */
  | { readonly type: 'confirm'; readonly call: AuthCall; readonly response: string }
  /** One of sign-up's own calls, which its chunk makes (see src/sign-up-flow.ts). */
  | { readonly type: 'sign-up'; readonly call: SignUpCall };

export interface Transition {
  readonly state: FlowState;
  readonly effect?: Effect;
}

/** Where every element starts: checking for a stored session. */
export const initialFlowState: FlowState = { step: 'loading', busy: true, call: 'getCurrentUser' };

const signedOut: FlowState = { step: 'username', busy: false };

function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name ? name : 'UnknownError';
}

function errorMessage(error: unknown): string | undefined {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** The state after a failure: idle on `step`, keeping what the current step shows when it does not change. */
export function withError(state: FlowState, error: FlowError, step: AuthStep = state.step): FlowState {
  if (step !== state.step) return { step, busy: false, error };
  const { call: _done, preparing: _waited, ...kept } = state;
  return { ...kept, busy: false, error };
}

/** A retried challenge means the answer was wrong; say how many tries are left when the trigger tells us. */
function wrongAnswer({ attemptsLeft = '' }: Readonly<Record<string, string>>): FlowError {
  const count = attemptsLeft.trim();
  return /^\d+$/.test(count)
    ? {
        name: 'IncorrectChallengeAnswer',
        reason: 'WrongCodeAttemptsLeft',
        params: { attemptsLeft: Number(count) },
        step: 'challenge',
      }
    : { name: 'IncorrectChallengeAnswer', reason: 'WrongCode', step: 'challenge' };
}

/** What a sign-in begun by a sign-up carries along to the signed-in step. */
export const afterSignUp = ({ newUser }: FlowState) => (newUser === undefined ? {} : { newUser });

function answered(state: FlowState, { call, result, at, link }: Extract<FlowEvent, { type: 'answered' }>): Transition {
  const { signInStep, additionalInfo } = result.nextStep;
  if (result.isSignedIn || signInStep === 'DONE') {
    return {
      state: { ...state, busy: true, error: undefined, ...(link && { link }) },
      effect: { type: 'load-user', restored: false },
    };
  }
  if (signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') {
    const challengeParameters = { ...additionalInfo };
    // Another round after an answer means the answer was wrong; after a sign-in (a new code) it is a fresh start.
    const fresh = { step: 'challenge', busy: false, challengeParameters, ...afterSignUp(state) } as const;
    if (call === 'signIn') return { state: { ...fresh, sentAt: at } };
    return { state: { ...fresh, sentAt: state.sentAt, error: wrongAnswer(challengeParameters) } };
  }
  // Any other step (new password, MFA, …) belongs to a flow this form does not offer.
  const error: FlowError = {
    name: 'UnsupportedSignInStep',
    message: signInStep,
    reason: 'UnsupportedSignInStep',
    step: state.step,
  };
  return { state: withError(state, error, 'username') };
}

/** The reason shown for a failed call, from Cognito's error name and, where the name is shared, its message. */
function failureReason(call: AuthCall, name: string, message = ''): FlowError['reason'] {
  // Whether the username or the password was wrong is not told apart, so usernames cannot be probed.
  if (name === 'UserNotFoundException') return 'IncorrectCredentials';
  if (name === 'NotAuthorizedException') {
    if (/disabled/i.test(message)) return 'UserDisabled';
    if (call === 'signIn') return 'IncorrectCredentials';
    if (/expired/i.test(message)) return 'CodeExpired';
    if (/^Invalid session/i.test(message)) return 'SessionEnded';
    // The Define trigger fails the authentication once the attempts are used up.
    return 'TooManyWrongCodes';
  }
  // Amplify's own in-progress sign-in lapses after three minutes, like Cognito's session.
  if (name === 'SignInException' && call === 'confirmSignIn') return 'CodeExpired';
  if (['LimitExceededException', 'TooManyRequestsException', 'TooManyFailedAttemptsException'].includes(name)) {
    return 'TooManyRequests';
  }
  // What `fetch` throws when the browser is offline (Chromium, Firefox and Safari word it differently).
  if (name === 'TypeError' && /fetch|network|load failed/i.test(message)) return 'NetworkError';
  // Otherwise the error's name says it, when the table has a text of that name (else its `strings` override
  // or the generic text).
  return Object.hasOwn(en, name) ? (name as StringKey) : undefined;
}

// The limiter's refusal as Cognito relays a trigger's error (UserLambdaValidationException, "<Trigger> failed
// with error TooManyAttempts retryAfterSeconds=840."; see docs/security.md). Only that wording counts.
const TOO_MANY_ATTEMPTS = /failed with error TooManyAttempts retryAfterSeconds=(\d+)/;

function failed(state: FlowState, call: AuthCall, error: unknown): Transition {
  // No stored session (or an unreadable one) just means the user signs in.
  if (state.step === 'loading') return { state: signedOut };

  const name = errorName(error);
  // The tokens are already there: show the session instead of complaining about it.
  if (call === 'signIn' && name === 'UserAlreadyAuthenticatedException') {
    return { state, effect: { type: 'load-user', restored: true } };
  }
  const message = errorMessage(error);
  // exec() turns a missing message into "undefined", which does not match.
  const wait = TOO_MANY_ATTEMPTS.exec(message as string);
  if (wait) {
    // Refused by the limits across sign-ins: no new code and no answer is taken for a while, so the sign-in
    // starts over from the first form. A wait of a minute or less is "a moment" (TooManyRequests).
    const minutes = Math.ceil(+wait[1]! / 60);
    const reason = minutes > 1 ? 'TooManyAttempts' : 'TooManyRequests';
    const refusal: FlowError = { name: 'TooManyAttempts', message, reason, params: { minutes }, step: state.step };
    return { state: withError(state, refusal, 'username') };
  }
  const reason = failureReason(call, name, message);
  const flowError: FlowError = { name, message, ...(reason ? { reason } : {}), step: state.step };
  // After a NotAuthorizedException Cognito's session is dead (and Amplify keeps it anyway): only a new
  // sign-in from the first form can succeed.
  const sessionIsDead = call === 'confirmSignIn' && (name === 'NotAuthorizedException' || name === 'SignInException');
  return { state: withError(state, flowError, sessionIsDead ? 'username' : state.step) };
}

/** What the status region says while each call is in flight; the sign-up and user-auth chunks add their own calls. */
export const activityOf: Partial<Record<AuthCall, StringKey | UserAuthKey>> = {
  getCurrentUser: 'loading',
  signIn: 'sending',
  confirmSignIn: 'checking',
  signOut: 'signingOut',
};

/**
 * The text key of the status region: the call in flight, else, on the challenge step once the cooldown is
 * over, that a new code may be requested.
 */
export function statusOf(state: FlowState, resendReady: boolean): StringKey | UserAuthKey | undefined {
  if (state.busy) return state.preparing ? 'preparing' : activityOf[state.call ?? 'getCurrentUser'];
  return state.step === 'challenge' && resendReady ? 'resendReady' : undefined;
}

/**
 * What a sign-in or sign-out made elsewhere on the page means here: look up the user now signed in, show the
 * sign-out, or nothing. While busy, the element's own call is the cause and reports the outcome itself.
 */
export function followChange(state: FlowState, change: AuthChange): 'load-user' | 'signed-out' | undefined {
  if (state.busy || (change === 'signedIn') === (state.step === 'signed-in')) return undefined;
  return change === 'signedIn' ? 'load-user' : 'signed-out';
}

/**
 * A capability's own transitions (sign-up's, a sign-in link's), tried before the basic ones: the transition for
 * an event it decides, else undefined.
 */
export type FlowExtension = (state: FlowState, event: FlowEvent) => Transition | undefined;

/**
 * The extensions of the capability chunks loaded so far: each chunk adds its own when it arrives, so the basic
 * sign-in carries none of their rules. Events only a capability's controls send change nothing without it.
 */
export const flowExtensions: FlowExtension[] = [];

/** The next state for `event`, and what the element has to do next. */
export function transition(state: FlowState, event: FlowEvent): Transition {
  for (const extension of flowExtensions) {
    const extended = extension(state, event);
    if (extended) return extended;
  }
  switch (event.type) {
    case 'restoring':
      return { state: event.nothingStored ? signedOut : initialFlowState };
    case 'config-invalid':
      return {
        state: withError(
          state,
          { name: 'ConfigurationError', reason: event.reason, params: event.params, step: state.step },
          'username',
        ),
      };
    case 'input-invalid': {
      // Every limit shares one text, which names the limit.
      const reason = event.name.endsWith('TooLong')
        ? 'TooLong'
        : (event.name as Exclude<InputProblem, `${string}TooLong`>);
      return { state: withError(state, { name: event.name, reason, params: event.params, step: state.step }) };
    }
    case 'call-started': {
      const { preparing: _waited, ...kept } = state;
      const preparing = event.preparing && { preparing: event.preparing };
      return { state: { ...kept, busy: true, call: event.call, error: undefined, ...preparing } };
    }
    case 'answered':
      return answered(state, event);
    case 'failed':
      return failed(state, event.call, event.error);
    case 'user-found':
      return {
        state: {
          step: 'signed-in',
          busy: false,
          user: event.user,
          restored: event.restored,
          ...(event.link && { link: event.link }),
          ...afterSignUp(state),
        },
      };
    case 'signed-out':
      return { state: signedOut };
    case 'reset':
      // Nothing to abandon while restoring or once signed in (that is what sign-out is for).
      return { state: state.step === 'loading' || state.step === 'signed-in' ? state : signedOut };
    case 'code-expired':
      // The session behind the code is over: answering is pointless, a new code is what helps.
      return {
        state:
          state.step === 'challenge' && !state.busy && state.error?.name !== 'CodeExpired'
            ? withError(state, { name: 'CodeExpired', reason: 'CodeExpired', step: 'challenge' })
            : state,
      };
    default:
      // A capability's event (`show`, `signed-up`) whose chunk has not arrived.
      return { state };
  }
}
