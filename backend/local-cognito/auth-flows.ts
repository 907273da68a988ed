import type { ChallengeHistoryEntry } from '../triggers/challenge-history.ts';
import type { TriggerContext } from '../triggers/trigger-events.ts';
import { CognitoError, MESSAGES, invalidParameter, notAuthorized } from './cognito-error.ts';
import type { OneTimePassword } from './one-time-passwords.ts';
import {
  issuePasswordChallenge,
  isPasswordClaimValid,
  isPasswordCorrect,
  type PasswordChallengeState,
  type PasswordClaim,
} from './password-verifier.ts';
import {
  optionalString,
  optionalStringMap,
  requireParameter,
  requireString,
  requireStringMap,
  type JsonObject,
} from './request-input.ts';
import type { SessionStore } from './session-store.ts';
import { isValidTimestamp, parseClientPublicValue } from './srp.ts';
import type { TokenService } from './token-service.ts';
import type { TriggerRunner } from './trigger-runner.ts';
import {
  createUserAuthFlow,
  USER_AUTH_CHALLENGES,
  type UserAuthChallengeName,
  type UserAuthFlowDeps,
} from './user-auth-flow.ts';
import { stableUuid, type PoolUser, type UserStore } from './user-store.ts';

/** A sign-in between two calls, kept in the session store behind the `Session` string. */
export interface PendingSignIn {
  readonly flow: 'CUSTOM_AUTH' | 'USER_SRP_AUTH' | 'USER_AUTH';
  /**
   * The username the pool answers with (`USERNAME`, `USER_ID_FOR_SRP`): the user's UUID, or for a user that does
   * not exist a UUID derived from the typed name, so the answer does not tell whether the account exists.
   */
  readonly userName: string;
  /** What the client typed as `USERNAME` (the email, in the letter case it was typed). */
  readonly typedName: string;
  readonly user: PoolUser | undefined;
  /** The `session` array the triggers see. */
  readonly history: readonly ChallengeHistoryEntry[];
  /**
   * The challenge the next RespondToAuthChallenge must answer; for the sessions of a sign-up, the ConfirmSignUp
   * that may pass it on, and the USER_AUTH InitiateAuth that a confirmed sign-up may start without another code.
   */
  readonly awaiting?:
    'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE' | UserAuthChallengeName | 'CONFIRM_SIGN_UP' | 'SIGN_IN_AFTER_SIGN_UP';
  /** The client's SRP public value, when the sign-in started with one. */
  readonly srpA?: bigint;
  readonly password?: PasswordChallengeState;
  readonly custom?: { readonly privateParameters: Record<string, string>; readonly metadata: string | undefined };
  /** The code of an EMAIL_OTP or SMS_OTP challenge. */
  readonly otp?: OneTimePassword;
  /** The challenge a WEB_AUTHN answer must sign. */
  readonly webAuthnChallenge?: string;
}

/** What the sign-in flows need from the rest of the endpoint. */
export interface AuthFlowDeps {
  readonly userPoolId: string;
  /** The part of the pool id after `_`, which the SRP maths mixes in. */
  readonly poolName: string;
  readonly clientId: string;
  readonly users: UserStore;
  readonly sessions: SessionStore<PendingSignIn>;
  readonly triggers: TriggerRunner;
  readonly tokens: TokenService;
  /** Server secret for the decoy SRP values of users without a password. */
  readonly decoySecret: Buffer;
  /**
   * Whether the app client allows USER_SRP_AUTH (the password alone, no trigger runs). Off by default, as in
   * the stack: with it on, a user who must give password and code could skip the code.
   */
  readonly userSrpAuth: boolean;
  /** Whether the app client allows CUSTOM_AUTH (the pool has the custom flow's triggers). */
  readonly customAuth: boolean;
  /**
   * Choice-based sign-in (`USER_AUTH`: codes by email or text message, passkeys, passwords), when the pool
   * allows it; without it the app client refuses the flow.
   */
  readonly userAuth?: Pick<UserAuthFlowDeps, 'settings' | 'codes' | 'passkeys' | 'limits' | 'maxAttempts'>;
}

/** InitiateAuth and RespondToAuthChallenge; the caller has already checked `ClientId`. */
export interface AuthFlows {
  initiateAuth(input: JsonObject): Promise<JsonObject>;
  respondToAuthChallenge(input: JsonObject): Promise<JsonObject>;
}

const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

/**
 * Creates the sign-in flows. Custom authentication asks the Define trigger what comes next after every step
 * and does exactly that: a PASSWORD_VERIFIER (when the client sent SRP_A), a CUSTOM_CHALLENGE made by Create
 * and checked by Verify, tokens, or failure. Users that do not exist go through the same steps with
 * `userNotFound`, as in a pool that prevents user-existence errors.
 */
export function createAuthFlows(deps: AuthFlowDeps): AuthFlows {
  const { users, sessions, triggers, tokens } = deps;

  function triggerContext(pending: PendingSignIn, clientMetadata: Record<string, string> | undefined): TriggerContext {
    return {
      userPoolId: deps.userPoolId,
      clientId: deps.clientId,
      // Cognito hands the triggers the username (the UUID). A user that does not exist has none: the Create trigger
      // gets the typed name, so its decoy destination is masked from an address as a real one would be.
      userName: pending.user?.username ?? pending.typedName,
      userAttributes: pending.user?.attributes ?? {},
      userNotFound: !pending.user,
      clientMetadata,
    };
  }

  function findEnabledUser(typed: string): PoolUser | undefined {
    const user = users.find(typed);
    if (user && !user.enabled) throw notAuthorized(MESSAGES.userDisabled);
    if (user?.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    return user;
  }

  /** The start of a sign-in for what the client typed, whether or not such a user exists. */
  function startFor(typed: string) {
    const user = findEnabledUser(typed);
    return { user, typedName: normalisedName(typed), userName: user?.username ?? stableUuid(normalisedName(typed)) };
  }

  function readSrpA(value: string): bigint {
    const A = parseClientPublicValue(value);
    if (A === undefined) throw invalidParameter('SRP_A must be a hexadecimal number between 1 and N - 1');
    return A;
  }

  async function signedIn(started: PoolUser | undefined): Promise<JsonObject> {
    // The user as they are now: a trigger may have changed attributes since the sign-in started (Verify marks a
    // proved address verified), and the tokens of this sign-in already say so.
    const user = started && users.find(started.username);
    if (!user?.enabled) throw notAuthorized(MESSAGES.incorrectCredentials);
    return { AuthenticationResult: await tokens.signIn(user, deps.clientId), ChallengeParameters: {} };
  }

  /** Refuses an answer unless its session awaits this challenge from this user. */
  function assertAnswers(pending: PendingSignIn, challengeName: string, username: string) {
    // Clients answer with the USERNAME the challenge carried (the UUID); the sign-in name is accepted as well.
    const answeredFor = username.toLowerCase();
    if (
      pending.awaiting !== challengeName ||
      (answeredFor !== pending.userName.toLowerCase() && answeredFor !== pending.typedName.toLowerCase())
    ) {
      throw notAuthorized(MESSAGES.invalidSession);
    }
  }

  const userAuth =
    deps.userAuth &&
    createUserAuthFlow({
      ...deps.userAuth,
      sessions,
      users,
      start: startFor,
      signedIn,
      passwordChallenge: (pending, srpA) => passwordChallenge({ ...pending, srpA: readSrpA(srpA) }),
      isPasswordCorrect: ({ user, userName }, password) =>
        isPasswordCorrect(user?.passwordVerifier, deps.poolName, userName, password),
      assertAnswers,
    });

  function passwordChallenge(pending: PendingSignIn & { srpA: bigint }): JsonObject {
    const { state, parameters } = issuePasswordChallenge({
      userId: pending.userName,
      A: pending.srpA,
      passwordVerifier: pending.user?.passwordVerifier,
      decoySecret: deps.decoySecret,
    });
    const Session = sessions.open({ ...pending, awaiting: 'PASSWORD_VERIFIER', password: state });
    return { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: parameters, Session };
  }

  async function advance(
    pending: PendingSignIn,
    clientMetadata: Record<string, string> | undefined,
  ): Promise<JsonObject> {
    const context = triggerContext(pending, clientMetadata);
    const verdict = await triggers.define(context, pending.history);
    if (verdict.failAuthentication) throw notAuthorized(MESSAGES.incorrectCredentials);
    if (verdict.issueTokens) return signedIn(pending.user);
    if (verdict.challengeName === 'PASSWORD_VERIFIER' && pending.srpA !== undefined) {
      return passwordChallenge({ ...pending, srpA: pending.srpA });
    }
    if (verdict.challengeName === 'CUSTOM_CHALLENGE') {
      const created = await triggers.create(context, pending.history);
      const Session = sessions.open({
        ...pending,
        awaiting: 'CUSTOM_CHALLENGE',
        custom: { privateParameters: created.privateChallengeParameters, metadata: created.challengeMetadata },
      });
      const ChallengeParameters = { ...created.publicChallengeParameters, USERNAME: pending.userName };
      return { ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters, Session };
    }
    throw new CognitoError('InvalidLambdaResponseException', MESSAGES.unrecognizableLambdaOutput);
  }

  async function initiateAuth(input: JsonObject): Promise<JsonObject> {
    const flow = requireString(input, 'AuthFlow');
    const parameters = optionalStringMap(input, 'AuthParameters') ?? {};
    const clientMetadata = optionalStringMap(input, 'ClientMetadata');
    switch (flow) {
      case 'CUSTOM_AUTH': {
        if (!deps.customAuth) throw invalidParameter(`${flow} flow not enabled for this client`);
        const start = startFor(requireParameter(parameters, 'USERNAME'));
        const srpA = parameters.SRP_A === undefined ? undefined : readSrpA(parameters.SRP_A);
        const history: ChallengeHistoryEntry[] =
          srpA === undefined ? [] : [{ challengeName: 'SRP_A', challengeResult: true }];
        const pending: PendingSignIn = { flow, ...start, history, srpA };
        // As in Cognito, the ClientMetadata of InitiateAuth reaches Pre authentication (as validationData) and
        // no other trigger of this step: Define and Create run without it.
        await triggers.preAuthenticate(triggerContext(pending, undefined), clientMetadata);
        return advance(pending, undefined);
      }
      case 'USER_SRP_AUTH': {
        if (!deps.userSrpAuth) throw invalidParameter(`${flow} flow not enabled for this client`);
        const start = startFor(requireParameter(parameters, 'USERNAME'));
        const srpA = readSrpA(requireParameter(parameters, 'SRP_A'));
        return passwordChallenge({ flow, ...start, history: [], srpA });
      }
      case 'USER_AUTH': {
        if (!userAuth) throw invalidParameter(`${flow} flow not enabled for this client`);
        const session = optionalString(input, 'Session');
        return userAuth.initiate(parameters, session);
      }
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN': {
        const AuthenticationResult = await tokens.refresh(requireParameter(parameters, 'REFRESH_TOKEN'), deps.clientId);
        return { AuthenticationResult, ChallengeParameters: {} };
      }
      default:
        if (AUTH_FLOWS.includes(flow)) throw invalidParameter(`${flow} flow not enabled for this client`);
        throw invalidParameter(
          `1 validation error detected: Value '${flow.slice(0, 40)}' at 'authFlow' failed to satisfy constraint: ` +
            `Member must satisfy enum value set: [${AUTH_FLOWS.join(', ')}]`,
        );
    }
  }

  function readPasswordClaim(responses: Record<string, string>): PasswordClaim {
    const claim = {
      signature: requireParameter(responses, 'PASSWORD_CLAIM_SIGNATURE'),
      secretBlock: requireParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK'),
      timestamp: requireParameter(responses, 'TIMESTAMP'),
    };
    if (!isValidTimestamp(claim.timestamp)) {
      throw invalidParameter('TIMESTAMP must look like "Thu Nov 26 09:52:47 UTC 2026" (UTC, day of month not padded)');
    }
    return claim;
  }

  async function respondToAuthChallenge(input: JsonObject): Promise<JsonObject> {
    const challengeName = requireString(input, 'ChallengeName');
    const sessionId = requireString(input, 'Session');
    const responses = requireStringMap(input, 'ChallengeResponses');
    const clientMetadata = optionalStringMap(input, 'ClientMetadata');
    if (userAuth && (USER_AUTH_CHALLENGES as readonly string[]).includes(challengeName)) {
      return userAuth.respond(challengeName as UserAuthChallengeName, responses, sessionId);
    }
    const username = requireParameter(responses, 'USERNAME');
    // The request is checked in full before the session is taken, so a malformed call does not spend it.
    let claim: PasswordClaim | undefined;
    let answer: string | undefined;
    if (challengeName === 'PASSWORD_VERIFIER') claim = readPasswordClaim(responses);
    else if (challengeName === 'CUSTOM_CHALLENGE') {
      answer = responses.ANSWER;
      if (answer === undefined) throw invalidParameter('Missing required parameter ANSWER');
    } else throw invalidParameter(`ChallengeName ${challengeName.slice(0, 40)} is not used by this user pool`);

    const pending = sessions.take(sessionId);
    assertAnswers(pending, challengeName, username);

    if (claim && pending.password) {
      const verified = isPasswordClaimValid(pending.password, claim, deps.poolName);
      // Without the custom flow's triggers, the password alone decides (USER_SRP_AUTH, or USER_AUTH's PASSWORD_SRP).
      if (pending.flow !== 'CUSTOM_AUTH') {
        if (!verified) throw notAuthorized(MESSAGES.incorrectCredentials);
        return signedIn(pending.user);
      }
      const history = [...pending.history, { challengeName: 'PASSWORD_VERIFIER' as const, challengeResult: verified }];
      return advance({ ...pending, history, password: undefined }, clientMetadata);
    }
    if (answer !== undefined && pending.custom) {
      const { privateParameters, metadata } = pending.custom;
      const correct = await triggers.verify(triggerContext(pending, clientMetadata), privateParameters, answer);
      const round: ChallengeHistoryEntry = {
        challengeName: 'CUSTOM_CHALLENGE',
        challengeResult: correct,
        ...(metadata === undefined ? {} : { challengeMetadata: metadata }),
      };
      return advance({ ...pending, history: [...pending.history, round], custom: undefined }, clientMetadata);
    }
    throw notAuthorized(MESSAGES.invalidSession);
  }

  return { initiateAuth, respondToAuthChallenge };
}

// A name the pool does not know is carried on as the pool would spell a real one (trimmed, lower case), so no
// letter case of it comes back in a way that a real user's name would not.
function normalisedName(typed: string): string {
  return typed.trim().toLowerCase();
}
