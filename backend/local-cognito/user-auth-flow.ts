import { CognitoError, MESSAGES, invalidParameter, notAuthorized } from './cognito-error.ts';
import type { OneTimePasswords } from './one-time-passwords.ts';
import type { PasskeyCeremonies } from './passkey-ceremonies.ts';
import { requireParameter, type JsonObject } from './request-input.ts';
import type { SessionStore } from './session-store.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import type { UserAuthChallenge, UserAuthSettings } from './user-auth-settings.ts';
import type { PoolUser, UserStore } from './user-store.ts';
import type { PendingSignIn } from './auth-flows.ts';

/** The challenges of choice-based sign-in, as `ChallengeName`s of RespondToAuthChallenge. */
export const USER_AUTH_CHALLENGES = ['SELECT_CHALLENGE', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;
export type UserAuthChallengeName = (typeof USER_AUTH_CHALLENGES)[number];

const CHOICES: readonly UserAuthChallenge[] = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'PASSWORD', 'PASSWORD_SRP'];

/** A sign-in as the flow starts it for a typed name (see auth-flows.ts). */
type Start = Pick<PendingSignIn, 'user' | 'typedName' | 'userName'>;

/** What the choice-based flow shares with the other sign-in flows. */
export interface UserAuthFlowDeps {
  readonly settings: UserAuthSettings;
  readonly sessions: SessionStore<PendingSignIn>;
  readonly codes: OneTimePasswords;
  readonly passkeys: PasskeyCeremonies;
  readonly limits: SignInLimits;
  readonly users: UserStore;
  /** Wrong codes a sign-in may give before it fails (the triggers' `MAX_ATTEMPTS`). */
  readonly maxAttempts: number;
  /** The sign-in for a typed name, known or not (refuses disabled and unconfirmed users). */
  readonly start: (typed: string) => Start;
  readonly signedIn: (user: PoolUser | undefined) => Promise<JsonObject>;
  /** The PASSWORD_VERIFIER challenge for a client's SRP_A. */
  readonly passwordChallenge: (pending: PendingSignIn, srpA: string) => JsonObject;
  /** Whether a password sent in the clear is the user's. */
  readonly isPasswordCorrect: (start: Start, password: string) => boolean;
  /** Throws "Invalid session" unless the session awaits this challenge from this user. */
  readonly assertAnswers: (pending: PendingSignIn, challengeName: string, username: string) => void;
}

/** `USER_AUTH`: InitiateAuth and the answers to its challenges. */
export interface UserAuthFlow {
  /** `session`: InitiateAuth's top-level `Session`, from a ConfirmSignUp. */
  initiate(parameters: Record<string, string>, session?: string): Promise<JsonObject>;
  respond(
    challengeName: UserAuthChallengeName,
    responses: Record<string, string>,
    session: string,
  ): Promise<JsonObject>;
}

/**
 * Creates choice-based sign-in. With `PREFERRED_CHALLENGE` among the pool's first factors the sign-in goes
 * straight to it; otherwise the answer is `SELECT_CHALLENGE` with `AvailableChallenges`, which is the pool's list
 * for every name, known or not, so it does not tell them apart. Picking a method the user cannot use (no phone
 * number, no passkey, no account) leads to a challenge that looks as usual and that no answer passes.
 *
 * A wrong code leaves the session open for another try, up to `maxAttempts` wrong codes in all; every answer
 * is also counted by the cross-session limits first.
 */
export function createUserAuthFlow(deps: UserAuthFlowDeps): UserAuthFlow {
  const { settings, sessions, codes, passkeys, limits } = deps;

  function readChoice(value: string, name: string): UserAuthChallenge {
    if (!(CHOICES as readonly string[]).includes(value)) {
      throw invalidParameter(`${name} must be one of ${CHOICES.join(', ')}, got "${value.slice(0, 40)}"`);
    }
    return value as UserAuthChallenge;
  }

  /** Checks what a chosen challenge needs from the request, before any session is spent. */
  function requireInputsOf(choice: UserAuthChallenge, parameters: Record<string, string>) {
    if (choice === 'PASSWORD') requireParameter(parameters, 'PASSWORD');
    if (choice === 'PASSWORD_SRP') requireParameter(parameters, 'SRP_A');
  }

  function selectChallenge(pending: PendingSignIn): JsonObject {
    const Session = sessions.open({ ...pending, awaiting: 'SELECT_CHALLENGE' });
    return {
      ChallengeName: 'SELECT_CHALLENGE',
      ChallengeParameters: { USERNAME: pending.userName },
      AvailableChallenges: [...settings.availableChallenges],
      Session,
    };
  }

  /** The chosen method's challenge, or for a password the outcome. */
  async function begin(pending: PendingSignIn, choice: UserAuthChallenge, inputs: Record<string, string>) {
    switch (choice) {
      case 'EMAIL_OTP':
      case 'SMS_OTP': {
        const { parameters, otp } = await codes.issue(choice === 'EMAIL_OTP' ? 'EMAIL' : 'SMS', pending);
        const Session = sessions.open({ ...pending, awaiting: choice, otp });
        return { ChallengeName: choice, ChallengeParameters: { ...parameters, USERNAME: pending.userName }, Session };
      }
      case 'WEB_AUTHN': {
        const { options, challenge } = await passkeys.requestOptions();
        const Session = sessions.open({ ...pending, awaiting: 'WEB_AUTHN', webAuthnChallenge: challenge });
        const ChallengeParameters = { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options), USERNAME: pending.userName };
        return { ChallengeName: 'WEB_AUTHN', ChallengeParameters, Session };
      }
      case 'PASSWORD_SRP':
        return deps.passwordChallenge(pending, requireParameter(inputs, 'SRP_A'));
      case 'PASSWORD': {
        await limits.beforeAnswer(pending);
        if (!deps.isPasswordCorrect(pending, requireParameter(inputs, 'PASSWORD'))) {
          throw notAuthorized(MESSAGES.incorrectCredentials);
        }
        await limits.afterCorrectAnswer(pending);
        return deps.signedIn(pending.user);
      }
    }
  }

  async function answerCode(
    challengeName: 'EMAIL_OTP' | 'SMS_OTP',
    responses: Record<string, string>,
    session: string,
  ) {
    const answer = requireParameter(responses, `${challengeName}_CODE`);
    const username = requireParameter(responses, 'USERNAME');
    const pending = sessions.peek(session);
    try {
      deps.assertAnswers(pending, challengeName, username);
    } catch (error) {
      sessions.take(session);
      throw error;
    }
    const otp = pending.otp!;
    // Counted in the session before the check, so answers sent at once cannot share one attempt.
    const wrongAnswers = otp.wrongAnswers + 1;
    sessions.replace(session, { ...pending, otp: { ...otp, wrongAnswers } });
    let outcome;
    try {
      outcome = await codes.check(otp, answer, pending);
    } catch (error) {
      sessions.take(session);
      throw error;
    }
    if (outcome === 'wrong' && wrongAnswers < deps.maxAttempts) {
      throw new CognitoError('CodeMismatchException', 'Invalid code or auth state for the user.');
    }
    // Spent whatever the outcome; a session answered at the same time by a right code is spent once only.
    sessions.take(session);
    if (outcome === 'expired') {
      throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
    }
    if (outcome === 'wrong') throw notAuthorized(MESSAGES.incorrectCredentials);
    if (otp.provesAddress && pending.user)
      deps.users.updateAttributes(pending.user.username, { email_verified: 'true' });
    return deps.signedIn(pending.user);
  }

  async function answerPasskey(responses: Record<string, string>, session: string) {
    const assertion = passkeys.parseAssertion(requireParameter(responses, 'CREDENTIAL'));
    const pending = sessions.take(session);
    deps.assertAnswers(pending, 'WEB_AUTHN', requireParameter(responses, 'USERNAME'));
    await limits.beforeAnswer(pending);
    if (!(await passkeys.verifyAssertion(pending.user, pending.webAuthnChallenge!, assertion))) {
      throw notAuthorized(MESSAGES.incorrectCredentials);
    }
    await limits.afterCorrectAnswer(pending);
    return deps.signedIn(pending.user);
  }

  return {
    async initiate(parameters, session) {
      if (session !== undefined) {
        // The code that confirmed the sign-up was the first factor: the user is signed in without another, once,
        // within the session's lifetime, by the name that signed up (the endpoint has one app client).
        const username = requireParameter(parameters, 'USERNAME');
        const pending = sessions.take(session);
        deps.assertAnswers(pending, 'SIGN_IN_AFTER_SIGN_UP', username);
        return deps.signedIn(pending.user);
      }
      const pending: PendingSignIn = {
        flow: 'USER_AUTH',
        ...deps.start(requireParameter(parameters, 'USERNAME')),
        history: [],
      };
      const preferred = parameters.PREFERRED_CHALLENGE;
      if (preferred === undefined) return selectChallenge(pending);
      const choice = readChoice(preferred, 'PREFERRED_CHALLENGE');
      // A preference the pool does not allow is not an error: the client gets the choice instead.
      if (!settings.availableChallenges.includes(choice)) return selectChallenge(pending);
      requireInputsOf(choice, parameters);
      return begin(pending, choice, parameters);
    },

    async respond(challengeName, responses, session) {
      if (challengeName === 'EMAIL_OTP' || challengeName === 'SMS_OTP') {
        return answerCode(challengeName, responses, session);
      }
      if (challengeName === 'WEB_AUTHN') return answerPasskey(responses, session);
      const username = requireParameter(responses, 'USERNAME');
      const choice = readChoice(requireParameter(responses, 'ANSWER'), 'ANSWER');
      if (!settings.availableChallenges.includes(choice)) {
        throw invalidParameter(`${choice} is not an available challenge for this user pool`);
      }
      if (choice === 'WEB_AUTHN' && responses.CREDENTIAL !== undefined) {
        throw invalidParameter(
          'Answer SELECT_CHALLENGE with WEB_AUTHN alone, then the WEB_AUTHN challenge with CREDENTIAL',
        );
      }
      requireInputsOf(choice, responses);
      const pending = sessions.take(session);
      // A passkey challenge may be answered with another pick: the user cancelled the browser's prompt, or the
      // device has no passkey, and chooses a code instead (Amplify sends this pick with the WEB_AUTHN session).
      deps.assertAnswers(pending, pending.awaiting === 'WEB_AUTHN' ? 'WEB_AUTHN' : 'SELECT_CHALLENGE', username);
      return begin(pending, choice, responses);
    },
  };
}
