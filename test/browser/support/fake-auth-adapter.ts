/**
 * A stand-in for the auth library that records every call and leaves each one pending until the test settles
 * it, so the element's asynchronous steps happen exactly when a test says so.
 */
import type {
  AuthAdapter,
  AuthChange,
  AuthTokens,
  AuthUser,
  CodeDelivery,
  CognitoConfig,
  FirstFactor,
  Passkey,
  PasskeyAdapter,
  SignInResult,
  SignUpAdapter,
  SignUpRequest,
  SignUpResult,
  TokenStorageChoice,
} from '../../../src/auth-adapter.js';

/** Each adapter call: what the element passed and what the test answers with. */
interface CallShapes {
  signIn: { input: Parameters<AuthAdapter['signIn']>[0]; answer: SignInResult };
  confirmSignIn: { input: string; answer: SignInResult };
  getCurrentUser: { input: undefined; answer: AuthUser };
  fetchTokens: { input: undefined; answer: AuthTokens | null };
  signOut: { input: { global: boolean }; answer: void };
  signUp: { input: SignUpRequest; answer: SignUpResult };
  confirmSignUp: { input: { username: string; code: string }; answer: SignUpResult };
  resendSignUpCode: { input: string; answer: CodeDelivery };
  autoSignIn: { input: undefined; answer: SignInResult };
  addPasskey: { input: undefined; answer: void };
  listPasskeys: { input: undefined; answer: Passkey[] };
  deletePasskey: { input: string; answer: void };
}

export type CallName = keyof CallShapes;

/** One call the element made, waiting for the test to answer it. */
export class PendingCall<Name extends CallName> {
  readonly settled: Promise<CallShapes[Name]['answer']>;
  private resolveAnswer!: (answer: CallShapes[Name]['answer']) => void;
  private rejectAnswer!: (error: unknown) => void;

  constructor(
    readonly name: Name,
    readonly input: CallShapes[Name]['input'],
  ) {
    this.settled = new Promise((resolve, reject) => {
      this.resolveAnswer = resolve;
      this.rejectAnswer = reject;
    });
  }

  resolve(answer: CallShapes[Name]['answer']): void {
    this.resolveAnswer(answer);
  }

  reject(error: unknown): void {
    this.rejectAnswer(error);
  }
}

/**
 * One auth library shared by every element it is handed to, like Amplify on a page: one configuration, one
 * channel of sign-in and sign-out news.
 */
export class FakeAuthAdapter implements AuthAdapter {
  /** What the page configured the auth library with itself before any element started. */
  pageConfig?: CognitoConfig;
  /** Every configuration an element applied, oldest first. */
  readonly configurations: CognitoConfig[] = [];
  /** The token storage passed with each configuration (undefined: leave the page's). */
  readonly storages: Array<TokenStorageChoice | undefined> = [];

  private readonly listeners = new Set<(change: AuthChange) => void>();

  // Calls of every kind share these lists; `nextCall` narrows them back by name.
  private readonly calls: Array<PendingCall<CallName>> = [];
  private readonly taken = new Set<PendingCall<CallName>>();
  private readonly waiting: Array<{ name: CallName; deliver: (call: PendingCall<CallName>) => void }> = [];

  authConfig(): CognitoConfig | undefined {
    return this.configurations.at(-1) ?? this.pageConfig;
  }

  configure(config: CognitoConfig, storage?: TokenStorageChoice): void {
    this.configurations.push(config);
    this.storages.push(storage);
  }

  signIn(input: CallShapes['signIn']['input']): Promise<SignInResult> {
    return this.record('signIn', input);
  }

  signUps(): Promise<SignUpAdapter> {
    return Promise.resolve({
      signUp: (request) => this.record('signUp', request),
      confirmSignUp: (input) => this.record('confirmSignUp', input),
      resendSignUpCode: (username) => this.record('resendSignUpCode', username),
      autoSignIn: () => this.record('autoSignIn', undefined),
    });
  }

  confirmSignIn(challengeResponse: string): Promise<SignInResult> {
    return this.record('confirmSignIn', challengeResponse);
  }

  passkeys(): Promise<PasskeyAdapter> {
    return Promise.resolve({
      add: () => this.record('addPasskey', undefined),
      list: () => this.record('listPasskeys', undefined),
      delete: (credentialId: string) => this.record('deletePasskey', credentialId),
    });
  }

  getCurrentUser(): Promise<AuthUser> {
    return this.record('getCurrentUser', undefined);
  }

  fetchTokens(): Promise<AuthTokens | null> {
    return this.record('fetchTokens', undefined);
  }

  signOut(options: { global: boolean }): Promise<void> {
    return this.record('signOut', options);
  }

  listen(listener: (change: AuthChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listening element that someone on the page signed in or out, as Amplify's Hub would. */
  announce(change: AuthChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** How many elements are listening. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** How many times the element called `name`. */
  count(name: CallName): number {
    return this.calls.filter((call) => call.name === name).length;
  }

  /** The oldest call of `name` not yet handed out: one already made, or the next one to come. */
  nextCall<Name extends CallName>(name: Name): Promise<PendingCall<Name>> {
    const made = this.calls.find((call) => call.name === name && !this.taken.has(call));
    if (made) {
      this.taken.add(made);
      return Promise.resolve(made as unknown as PendingCall<Name>);
    }
    return new Promise((deliver) => {
      this.waiting.push({ name, deliver: deliver as unknown as (call: PendingCall<CallName>) => void });
    });
  }

  private record<Name extends CallName>(
    name: Name,
    input: CallShapes[Name]['input'],
  ): Promise<CallShapes[Name]['answer']> {
    const call = new PendingCall(name, input);
    const stored = call as unknown as PendingCall<CallName>;
    this.calls.push(stored);
    const waiter = this.waiting.findIndex((entry) => entry.name === name);
    if (waiter >= 0) {
      const [{ deliver }] = this.waiting.splice(waiter, 1);
      this.taken.add(stored);
      deliver(stored);
    }
    return call.settled;
  }
}

/** The result Amplify gives when the pool asks a custom challenge. */
export function customChallenge(parameters: Record<string, string>): SignInResult {
  return {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: parameters },
  };
}

/** The result Amplify gives when a `USER_AUTH` pool lets the user pick the first factor. */
export function firstFactorSelection(availableChallenges: string[]): SignInResult {
  return {
    isSignedIn: false,
    nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges },
  };
}

/** The result Amplify gives when a `USER_AUTH` pool sent a code by email or SMS. */
export function codeSent(method: Exclude<FirstFactor, 'WEB_AUTHN'>, destination: string): SignInResult {
  const email = method === 'EMAIL_OTP';
  return {
    isSignedIn: false,
    nextStep: {
      signInStep: email ? 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' : 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      codeDeliveryDetails: { deliveryMedium: email ? 'EMAIL' : 'SMS', destination },
    },
  };
}

/** What Amplify's signUp gives for an account the pool confirmed at once, without an auto sign-in. */
export const signUpDone: SignUpResult = { isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } };

/** What Amplify's signUp (or confirmSignUp) gives when the auto sign-in may follow. */
export const autoSignInReady: SignUpResult = {
  isSignUpComplete: true,
  nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' },
};

/** What Amplify's passwordless signUp gives when Cognito sent a code that confirms the account. */
export function signUpCodeSent(destination: string): SignUpResult {
  return {
    isSignUpComplete: false,
    nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination } },
  };
}

/** The result Amplify gives once tokens are issued. */
export const signedIn: SignInResult = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };

/** An error shaped like the ones Amplify throws: the name carries Cognito's exception name. */
export function authError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
