import { maskEmail } from '../triggers/mask-destination.ts';
import type { PendingSignIn } from './auth-flows.ts';
import { CognitoError, MESSAGES, invalidParameter, notAuthorized } from './cognito-error.ts';
import type { OneTimePassword, OneTimePasswords } from './one-time-passwords.ts';
import { optionalString, requireString, type JsonObject } from './request-input.ts';
import type { SessionStore } from './session-store.ts';
import type { PoolUser, UserStore } from './user-store.ts';

/** What confirming sign-ups needs from the rest of the endpoint. */
export interface SignUpConfirmationDeps {
  readonly users: UserStore;
  /** Draws, sends and checks the codes, within the same per-person limits as sign-in codes. */
  readonly codes: OneTimePasswords;
  /** Wrong codes one confirmation code takes before it is spent (the triggers' `MAX_ATTEMPTS`). */
  readonly maxAttempts: number;
  /** How long a confirmation code stays valid; Cognito's last 24 hours. */
  readonly codeLifetimeSeconds: number;
  /**
   * The sign-in sessions, when the app client allows `USER_AUTH`: sign-up and confirmation then answer with a
   * `Session`, and the one from ConfirmSignUp signs the user in through InitiateAuth without another code.
   */
  readonly sessions: SessionStore<PendingSignIn> | undefined;
  readonly log: (line: string) => void;
}

/** Cognito's own confirmation of sign-ups: the code it emails, `ConfirmSignUp`, `ResendConfirmationCode`. */
export interface SignUpConfirmation {
  /**
   * Emails a new user their confirmation code; gives SignUp's `CodeDeliveryDetails`, and its `Session` when
   * the client allows USER_AUTH.
   */
  begin(user: PoolUser, typedName: string): Promise<JsonObject>;
  confirmSignUp(input: JsonObject): Promise<JsonObject>;
  resendConfirmationCode(input: JsonObject): Promise<JsonObject>;
}

// Cognito's wording for the confirmation operations (the last one is this endpoint's).
const MISMATCH = 'Invalid verification code provided, please try again.';
const EXPIRED = 'Invalid code provided, please request a code again.';
const TOO_MANY_WRONG = 'Too many wrong codes; request a new code (ResendConfirmationCode).';

function codeDeliveryDetails(Destination: string): JsonObject {
  return { CodeDeliveryDetails: { Destination, DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
}

// What an answer for a name the pool does not know is compared with: an empty code matches nothing.
const NO_CODE: OneTimePassword = {
  medium: 'EMAIL',
  code: '',
  expiresAt: Infinity,
  wrongAnswers: 0,
  provesAddress: false,
};

/**
 * Creates the confirmation of sign-ups that no Pre Sign-up trigger confirmed, as a pool that auto-verifies
 * email does it: one outstanding code per user (a new one replaces it), valid for `codeLifetimeSeconds`,
 * compared in constant time, spent by the `maxAttempts`-th wrong answer (`TooManyFailedAttemptsException`, which
 * clients do not retry as throttling) and counted with every other code and answer against the person's limits
 * across sessions. The right code confirms the user and verifies the address.
 *
 * As in a client that prevents user-existence errors, a name the pool does not know gets a wrong-code answer
 * from ConfirmSignUp and a decoy delivery from ResendConfirmationCode, in the same time as a real one. Cognito
 * does tell a confirmed account apart on both (SignUp already does, with UsernameExistsException), and so does
 * this endpoint.
 */
export function createSignUpConfirmation(deps: SignUpConfirmationDeps): SignUpConfirmation {
  const { users, codes, sessions } = deps;
  // By username: the code last sent, and the wrong answers it has had. A new code replaces the entry.
  const outstanding = new Map<string, { readonly otp: OneTimePassword; wrongAnswers: number }>();

  async function sendCode(user: PoolUser | undefined, typedName: string): Promise<JsonObject> {
    const { parameters, otp } = await codes.issue(
      'EMAIL',
      { user, typedName },
      { lifetimeSeconds: deps.codeLifetimeSeconds },
    );
    if (user) outstanding.set(user.username, { otp, wrongAnswers: 0 });
    return codeDeliveryDetails(parameters.CODE_DELIVERY_DESTINATION!);
  }

  /**
   * A session for the sign-up's next step, or none when the store is full: the account is made (or confirmed)
   * either way, and without a Session the user signs in with a code instead of failing a step already done.
   */
  function openSession(user: PoolUser, typedName: string, awaiting: 'CONFIRM_SIGN_UP' | 'SIGN_IN_AFTER_SIGN_UP') {
    try {
      return sessions?.open({
        flow: 'USER_AUTH',
        user,
        userName: user.username,
        typedName: typedName.trim().toLowerCase(),
        history: [],
        awaiting,
      });
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      deps.log(`no ${awaiting} session for user ${user.username} (${error.message})`);
      return undefined;
    }
  }

  /** Throws "Invalid session" unless the session is this user's sign-up awaiting confirmation. */
  function assertSignUpSession(session: string, typedName: string) {
    if (!sessions) throw notAuthorized(MESSAGES.invalidSession);
    const pending = sessions.peek(session);
    const name = typedName.trim().toLowerCase();
    if (pending.awaiting !== 'CONFIRM_SIGN_UP' || (name !== pending.typedName && name !== pending.userName)) {
      throw notAuthorized(MESSAGES.invalidSession);
    }
  }

  // A SignUp session checked live before the code; it may have expired while the code was checked.
  function spend(session: string) {
    try {
      sessions?.take(session);
    } catch {
      // Nothing left to spend.
    }
  }

  /** Checks the code of an unconfirmed user, or (for no user) an answer that nothing matches, in the same time. */
  async function check(user: PoolUser | undefined, typedName: string, answer: string) {
    const entry = user ? outstanding.get(user.username) : { otp: NO_CODE, wrongAnswers: 0 };
    // Spent by too many wrong answers, or replaced: a new code is the way on.
    if (!entry) throw new CognitoError('ExpiredCodeException', EXPIRED);
    // Counted before the check, so answers sent at once cannot share one attempt.
    entry.wrongAnswers += 1;
    const outcome = await codes.check(entry.otp, answer, { user, typedName });
    // A code answered right twice at once, or replaced by a new one meanwhile, confirms once only.
    const current = user && outstanding.get(user.username) === entry;
    if (outcome === 'expired') throw new CognitoError('ExpiredCodeException', EXPIRED);
    if (outcome === 'wrong') {
      if (!current || entry.wrongAnswers < deps.maxAttempts) throw new CognitoError('CodeMismatchException', MISMATCH);
      outstanding.delete(user!.username);
      throw new CognitoError('TooManyFailedAttemptsException', TOO_MANY_WRONG);
    }
    if (!current) throw new CognitoError('ExpiredCodeException', EXPIRED);
    outstanding.delete(user!.username);
  }

  return {
    async begin(user, typedName) {
      let delivery;
      try {
        delivery = await sendCode(user, typedName);
      } catch (error) {
        // The account exists now whatever happens to its code: refusing the sign-up here would leave the person
        // with an account they can neither confirm nor sign up again. The limits speak at the next resend.
        if (!(error instanceof CognitoError)) throw error;
        deps.log(`confirmation code for user ${user.username} not sent (${error.message})`);
        delivery = codeDeliveryDetails(maskEmail(user.email.toLowerCase())!);
      }
      const Session = openSession(user, typedName, 'CONFIRM_SIGN_UP');
      return { ...delivery, ...(Session ? { Session } : {}) };
    },

    async confirmSignUp(input) {
      const typedName = requireString(input, 'Username');
      const answer = requireString(input, 'ConfirmationCode');
      const session = optionalString(input, 'Session');
      if (!/^\S{1,2048}$/.test(answer))
        throw invalidParameter('ConfirmationCode must be 1-2048 characters without spaces.');
      // Amplify does not pass SignUp's Session here; a client that does must pass this user's, still live.
      if (session !== undefined) assertSignUpSession(session, typedName);
      const user = users.find(typedName);
      if (user?.status === 'CONFIRMED') {
        throw notAuthorized('User cannot be confirmed. Current status is CONFIRMED');
      }
      await check(user, typedName, answer);
      if (session !== undefined) spend(session);
      const confirmed = users.confirm(user!.username);
      const Session = openSession(confirmed, typedName, 'SIGN_IN_AFTER_SIGN_UP');
      return Session ? { Session } : {};
    },

    async resendConfirmationCode(input) {
      const typedName = requireString(input, 'Username');
      const user = users.find(typedName);
      if (user?.status === 'CONFIRMED') throw invalidParameter('User is already confirmed.');
      return sendCode(user, typedName);
    },
  };
}
