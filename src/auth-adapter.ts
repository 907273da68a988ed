/**
 * The contract between the element and the auth library. The element only ever talks to an {@link AuthAdapter};
 * the default one forwards to Amplify, and tests hand in a fake whose promises they settle themselves.
 *
 * The result and error shapes mirror Amplify v6 Auth so the sign-in state machine can read them directly.
 */

/** Amplify's names for the flows the element supports: the two custom ones, and Cognito's own passwordless. */
export type AuthFlowType = 'CUSTOM_WITHOUT_SRP' | 'CUSTOM_WITH_SRP' | 'USER_AUTH';

/** The passwordless first factors of Cognito's `USER_AUTH` flow that the element offers. */
export type FirstFactor = 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** The user pool settings the element hands to the auth library. */
export interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  /** An absolute URL of a Cognito-compatible endpoint or proxy; absent means the AWS endpoint of the pool's region. */
  userPoolEndpoint?: string;
}

/**
 * Where the auth library keeps the tokens, including the 30-day refresh token: `local` (localStorage, Amplify's
 * default), `session` (sessionStorage: gone when the tab closes) or `cookie` (cookies, optionally for a parent
 * domain so that subdomains share the session).
 */
export interface TokenStorageChoice {
  kind: 'local' | 'session' | 'cookie';
  /** For `cookie`: the cookies' `Domain`, e.g. `example.com`; absent means the page's own host only. */
  cookieDomain?: string;
}

/** What `signIn` and `confirmSignIn` resolve with (the fields of Amplify's `SignInOutput` the element reads). */
export interface SignInResult {
  isSignedIn: boolean;
  nextStep: {
    /** e.g. `CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE` or `DONE`. */
    signInStep: string;
    /** The challenge parameters the Create Auth Challenge trigger made public, as strings. */
    additionalInfo?: Readonly<Record<string, string>>;
    /** `USER_AUTH`, when the user picks the first factor: what the pool offers this user (`EMAIL_OTP`, …). */
    availableChallenges?: readonly string[];
    /** `USER_AUTH`, when a code was sent: where to (masked), e.g. `{ deliveryMedium: 'EMAIL', destination }`. */
    codeDeliveryDetails?: CodeDelivery;
  };
}

/** Where Cognito sent a code, masked, e.g. `{ deliveryMedium: 'EMAIL', destination: 'a***@e***.com' }`. */
export interface CodeDelivery {
  readonly deliveryMedium?: string | undefined;
  readonly destination?: string | undefined;
}

/** A passkey of the signed-in user, as Cognito lists it. */
export interface Passkey {
  readonly credentialId: string;
  /** The name the authenticator gave it, e.g. "Chrome on Mac". */
  readonly name: string;
  readonly createdAt?: Date;
}

/** The signed-in user's passkeys (Cognito's `USER_AUTH` pools on the Essentials plan). */
export interface PasskeyAdapter {
  /** Runs the browser's passkey registration and stores the new passkey with the user pool. */
  add(): Promise<void>;
  list(): Promise<Passkey[]>;
  delete(credentialId: string): Promise<void>;
}

/** What a sign-up sends. */
export interface SignUpRequest {
  /** The email address, which is the sign-in name. */
  username: string;
  /**
   * For the custom flows: strong, random, generated in the browser and never shown or kept (those pools require
   * one). Absent for `USER_AUTH`: Cognito's passwordless sign-up, which the adapter follows with the auto sign-in
   * (Amplify's `autoSignIn` with `USER_AUTH`, which carries the sign-up's session, so no second code is sent).
   */
  password?: string;
  /** User attributes from the sign-up form's extra fields, e.g. `{ name: 'Alice' }`. */
  attributes: Record<string, string>;
  /**
   * `USER_AUTH`: the code the auto sign-in asks for should Cognito want one (a pool that confirmed the account at
   * once, so there was no confirmation code to prove the address).
   */
  preferredChallenge?: Exclude<FirstFactor, 'WEB_AUTHN'>;
}

/** What a sign-up and its confirmation resolve with (the fields of Amplify's `SignUpOutput` the element reads). */
export interface SignUpResult {
  isSignUpComplete: boolean;
  nextStep: {
    /**
     * `CONFIRM_SIGN_UP` (Cognito sent a code that confirms the account), `COMPLETE_AUTO_SIGN_IN` (confirmed, and
     * `autoSignIn` may follow) or `DONE` (confirmed; a sign-in of its own follows).
     */
    signUpStep: string;
    /** With `CONFIRM_SIGN_UP`: where the code went. */
    codeDeliveryDetails?: CodeDelivery;
  };
}

/**
 * Sign-up's calls (Amplify's of the same names), for elements with `sign-up`. Each rejects with Cognito's error:
 * `UsernameExistsException` when the address has an account, `CodeMismatchException` or `ExpiredCodeException`
 * for a confirmation code, `AutoSignInException` when no auto sign-in is prepared (any more).
 */
export interface SignUpAdapter {
  /** Creates an account whose username is the email address. */
  signUp(request: SignUpRequest): Promise<SignUpResult>;
  /** Confirms the account with the code Cognito sent. */
  confirmSignUp(input: { username: string; code: string }): Promise<SignUpResult>;
  /** Sends a new confirmation code. */
  resendSignUpCode(username: string): Promise<CodeDelivery>;
  /** Signs in the account just confirmed, with the session the sign-up started. */
  autoSignIn(): Promise<SignInResult>;
}

/** The signed-in user as the stored ID token describes it. */
export interface AuthUser {
  /** Cognito's username. In a pool that signs in with email it is a generated UUID, not something to show. */
  username: string;
  userId: string;
  /** The name the user signs in with (the email in such pools); absent when unknown, then `username` is shown. */
  loginId?: string;
}

/** The current tokens, encoded, with the access token's expiry in epoch milliseconds. */
export interface AuthTokens {
  idToken: string;
  accessToken: string;
  expiresAt: number;
}

/** Everything the element needs from an auth library. */
export interface AuthAdapter {
  /** The user pool the auth library is configured with (by the page or by an element), if any. */
  authConfig(): CognitoConfig | undefined;
  /**
   * Points the auth library at a user pool, keeping whatever else the page configured, including a token storage
   * it chose; `storage`, when given, replaces that storage.
   */
  configure(config: CognitoConfig, storage?: TokenStorageChoice): void;
  /**
   * While the auth library is still being fetched (the default adapter loads Amplify after the form is drawn): a
   * promise that settles when it has arrived or failed to; undefined once it is here, and for adapters that have
   * nothing to fetch. Calls made meanwhile wait for it; the element uses this to say so and to skip waiting where
   * no session can be stored.
   */
  pending?(): Promise<void> | undefined;
  /**
   * Starts a sign-in; a password is only passed for `CUSTOM_WITH_SRP`, a preferred first factor only for
   * `USER_AUTH` (where a passkey's prompt runs inside the call). `clientMetadata` reaches the pool's Pre
   * authentication trigger only (a sign-in link's token travels there).
   */
  signIn(input: {
    username: string;
    password?: string;
    authFlowType: AuthFlowType;
    preferredChallenge?: FirstFactor | undefined;
    clientMetadata?: Record<string, string>;
  }): Promise<SignInResult>;
  /** Sign-up's calls; needed only with `sign-up`. */
  signUps?(): Promise<SignUpAdapter>;
  /**
   * Answers the current challenge: a custom challenge's answer, a `USER_AUTH` code, or the first factor the user
   * picked (`EMAIL_OTP`, …; for `WEB_AUTHN` the browser's passkey prompt runs inside the call).
   */
  confirmSignIn(challengeResponse: string): Promise<SignInResult>;
  /** The signed-in user's passkeys; needed only with `auth-flow="user-auth"`. */
  passkeys?(): Promise<PasskeyAdapter>;
  /** The signed-in user from stored tokens (no network); rejects when nobody is signed in. */
  getCurrentUser(): Promise<AuthUser>;
  /** The current tokens, refreshed if needed, or `null` when nobody is signed in. */
  fetchTokens(): Promise<AuthTokens | null>;
  /** Forgets the stored tokens; `global` also revokes every session of the user. */
  signOut(options: { global: boolean }): Promise<void>;
  /**
   * Calls `listener` whenever someone on the page (another element, the page's own code) signs in or out
   * through the auth library; a refresh that fails counts as signing out. Returns the unsubscribe function.
   */
  listen(listener: (change: AuthChange) => void): () => void;
}

/** A change of the signed-in user made anywhere on the page. */
export type AuthChange = 'signedIn' | 'signedOut';
