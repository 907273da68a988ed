import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCreateAuthChallengeHandler } from '../triggers/create-auth-challenge.ts';
import { createDefineAuthChallengeHandler } from '../triggers/define-auth-challenge.ts';
import type { TriggerEnv } from '../triggers/trigger-config.ts';
import { createVerifyAuthChallengeResponseHandler } from '../triggers/verify-auth-challenge-response.ts';
import { createPreSignUpHandler } from '../triggers/pre-sign-up.ts';
import { createCognitoAddressVerifier, type AddressVerifier } from '../triggers/address-verifier.ts';
import { createAttemptStore } from '../triggers/attempt-store.ts';
import type { CodeSender } from '../triggers/code-sender.ts';
import { createLinkStore } from '../triggers/link-store.ts';
import { createHmacLinkSigner } from '../triggers/link-token.ts';
import { createPreAuthenticationHandler } from '../triggers/pre-authentication.ts';
import type { SignInLinks } from '../triggers/sign-in-links.ts';
import type { TriggerConfig } from '../triggers/trigger-config.ts';
import { readTriggerConfig } from '../triggers/trigger-config.ts';
import { createAuthFlows, type PendingSignIn } from './auth-flows.ts';
import { createOneTimePasswords, type OneTimePasswords } from './one-time-passwords.ts';
import { createPasskeyCeremonies } from './passkey-ceremonies.ts';
import { createPasskeyStore } from './passkey-store.ts';
import { createSignInLimits, type SignInLimits } from './sign-in-limits.ts';
import { userAuthSettings, type UserAuthOptions } from './user-auth-settings.ts';
import { createBoundedLog } from './bounded-log.ts';
import { discoveryDocument } from './discovery-document.ts';
import { createDevInbox, type DevInbox } from './dev-inbox.ts';
import { createRequestListener, type RequestRecord } from './http-layer.ts';
import { startLocalDynamo } from './local-dynamo.ts';
import { createOperations } from './operations.ts';
import { createOriginPolicy, isLoopbackHost, normaliseOrigin } from './request-origin.ts';
import { createSessionStore } from './session-store.ts';
import { createSignUp } from './sign-up.ts';
import { createSignUpConfirmation, type SignUpConfirmation } from './sign-up-confirmation.ts';
import { createSigningKeys } from './signing-keys.ts';
import { createTokenService } from './token-service.ts';
import { createTriggerRunner, type AuthTriggers } from './trigger-runner.ts';
import { createUserStore, loadUsersFile, type LocalUser } from './user-store.ts';

export type { LocalUser } from './user-store.ts';
export type { AuthTriggers } from './trigger-runner.ts';
export type { UserAuthOptions } from './user-auth-settings.ts';

/** Default location of the users file: `backend/local-cognito/users.json`. */
export const DEFAULT_USERS_FILE = fileURLToPath(new URL('./users.json', import.meta.url));

/** Options of {@link start}; every one has a development default. */
export interface StartOptions {
  /** TCP port; 0 picks any free port. Default 9229. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** The pool's users. Default: the users in {@link DEFAULT_USERS_FILE}. */
  readonly users?: readonly LocalUser[];
  /** Pool id, `<region>_<name>` as clients require. Default `local_devpool`. */
  readonly userPoolId?: string;
  /** The only app client id the pool accepts. Default `localdevclient`. */
  readonly clientId?: string;
  /** How long a sign-in session waits for its next answer. Default 180 (Cognito's default). */
  readonly sessionTtlSeconds?: number;
  /** Environment for the triggers, e.g. `{ MAX_ATTEMPTS: '3', CODE_LENGTH: '6' }`, over `process.env`. */
  readonly triggerEnv?: Readonly<Record<string, string>>;
  /** Replaces individual triggers, e.g. to see how the endpoint treats a failing one. */
  readonly triggers?: Partial<AuthTriggers>;
  /** Where codes and trigger failures are printed. Default `console.log`. */
  readonly log?: (line: string) => void;
  /** Wraps the development inbox's sender, e.g. to see how a failing delivery is answered. */
  readonly wrapSender?: (inbox: CodeSender) => CodeSender;
  /** Browser origins allowed besides loopback ones (`--cors-origin`). */
  readonly corsOrigins?: readonly string[];
  /** Most sign-ins in progress at once. Default 10 000. */
  readonly maxSessions?: number;
  /** How long refresh tokens last, in days. Default 30 (Cognito's default). */
  readonly refreshTokenDays?: number;
  /** Allow USER_SRP_AUTH (password-only sign-in) on the app client. Default false, as in the stack. */
  readonly userSrpAuth?: boolean;
  /**
   * Let users sign themselves up (`SignUp`). With the custom flow, the Pre Sign-up trigger confirms them and leaves
   * the address to be proved by the first code; without it (`customAuth: false`), Cognito's own confirmation
   * code does both (ConfirmSignUp). Default false, as in the stack (`SelfSignUp`).
   */
  readonly selfSignUp?: boolean;
  /**
   * The custom flow and its triggers (Define, Create, Verify, Pre authentication, and with `selfSignUp` Pre
   * Sign-up). `false` is a pool with `USER_AUTH` alone, as the stack's `customAuth=false`: `CUSTOM_AUTH` is
   * refused and sign-ups are confirmed by Cognito's own code. Needs `userAuth`. Default true.
   */
  readonly customAuth?: boolean;
  /** How long a sign-up's confirmation code stays valid, in seconds. Default 86 400 (Cognito's 24 hours). */
  readonly confirmationCodeLifetimeSeconds?: number;
  /**
   * Choice-based sign-in (`USER_AUTH`, Cognito's Essentials plan): the first factors the pool allows and the
   * WebAuthn relying party. Without it the app client refuses `USER_AUTH` and passkey registration, as the
   * stack's custom-flow pool does.
   */
  readonly userAuth?: UserAuthOptions;
}

/**
 * Limits loose enough for test suites and scripts that sign the same user in many times a minute; pass as
 * `triggerEnv`. The defaults (30 s between codes, 5 per 15 minutes, 20 a day, 10 wrong answers an hour)
 * are what the demo and a deployment run with.
 */
export const RELAXED_LIMITS_ENV: Readonly<Record<string, string>> = {
  SEND_GAP_SECONDS: '0',
  SENDS_PER_15_MINUTES: '1000',
  SENDS_PER_DAY: '10000',
  FAILURES_PER_HOUR: '1000',
};

/**
 * Trigger settings that differ from a deployment's defaults: the dev inbox delivers in well under a
 * millisecond, so a short floor keeps the demo and tests quick while the padding still runs as in Lambda.
 * `triggerEnv` and the process environment override it.
 */
export const LOCAL_TRIGGER_DEFAULTS: Readonly<Record<string, string>> = {
  CREATE_MIN_DURATION_MS: '25',
  APP_NAME: 'the local demo',
};

/** A running endpoint. */
export interface LocalCognito {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:9229/`; use it as the user pool endpoint. */
  readonly url: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The development inbox, also served at `GET /_dev/messages`. */
  readonly inbox: DevInbox;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a Cognito-compatible endpoint for the custom authentication flow, running the project's own
 * trigger modules in-process with a development code sender.
 * Rejects when the port is taken (the error's `code` is `EADDRINUSE`) or an option is invalid.
 */
export async function start(options: StartOptions = {}): Promise<LocalCognito> {
  const {
    port = 9229,
    host = '127.0.0.1',
    userPoolId = 'local_devpool',
    clientId = 'localdevclient',
    sessionTtlSeconds = 180,
    log = (line: string) => console.log(line),
  } = options;
  const poolName = /^[\w-]+_([0-9a-zA-Z]+)$/.exec(userPoolId)?.[1];
  if (!poolName) throw new Error(`userPoolId must look like <region>_<name> (e.g. local_devpool), got "${userPoolId}"`);
  if (!/^[\w+]{1,128}$/.test(clientId))
    throw new Error(`clientId must be 1-128 letters, digits or _ +, got "${clientId}"`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`port must be 0-65535, got ${port}`);
  if (!(sessionTtlSeconds > 0)) throw new Error(`sessionTtlSeconds must be positive, got ${sessionTtlSeconds}`);
  const customAuth = options.customAuth ?? true;
  if (!customAuth && !options.userAuth) throw new Error('customAuth false needs userAuth: nobody could sign in');
  const confirmationCodeLifetimeSeconds = options.confirmationCodeLifetimeSeconds ?? 24 * 3600;
  if (!(confirmationCodeLifetimeSeconds > 0)) {
    throw new Error(`confirmationCodeLifetimeSeconds must be positive, got ${confirmationCodeLifetimeSeconds}`);
  }

  const corsOrigins = (options.corsOrigins ?? []).map(normaliseOrigin);
  const users = createUserStore(options.users ?? (await loadUsersFile(DEFAULT_USERS_FILE)), poolName);
  const keys = await createSigningKeys();
  const inbox = createDevInbox(log);
  const env: TriggerEnv = { ...LOCAL_TRIGGER_DEFAULTS, ...process.env, ...options.triggerEnv };
  // Settings that can be refused are read before anything starts, so that a refusal leaves nothing running.
  const userAuthOptions = options.userAuth && userAuthSettings(options.userAuth);
  if (userAuthOptions) readTriggerConfig(env);
  // The limits live in a real DynamoDB-compatible server, reached through the same client calls as in Lambda.
  const dynamo = await startLocalDynamo();
  const attempts = (config: TriggerConfig) =>
    createAttemptStore({ client: dynamo.client, tableName: dynamo.tableName, limits: config.limits });
  let url = '';
  // The triggers reach the pool's administrative operations as in Lambda, through the AWS SDK, here with a key
  // id drawn at start that only they hold.
  const adminAccessKeyId = `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`;
  let sdkVerifier: AddressVerifier | undefined;
  const verifier: AddressVerifier = {
    markVerified: (poolId, username) =>
      (sdkVerifier ??= createCognitoAddressVerifier({
        endpoint: url,
        region: userPoolId.split('_')[0]!,
        credentials: { accessKeyId: adminAccessKeyId, secretAccessKey: randomBytes(20).toString('hex') },
        maxAttempts: 1,
      })).markVerified(poolId, username),
  };
  const selfSignUp = options.selfSignUp ?? false;
  // Sign-in links are signed with a key drawn at start (a deployment signs with KMS); they are emailed only when
  // LINK_PAGES names a page (see link-config.ts), and outlive the process no more than its table does.
  const links: SignInLinks = {
    signer: createHmacLinkSigner(),
    store: () => createLinkStore({ client: dynamo.client, tableName: dynamo.tableName }),
  };
  const triggers = createTriggerRunner(
    {
      define: options.triggers?.define ?? createDefineAuthChallengeHandler({ env }),
      create:
        options.triggers?.create ??
        createCreateAuthChallengeHandler({ sender: options.wrapSender?.(inbox) ?? inbox, env, attempts, log, links }),
      verify: options.triggers?.verify ?? createVerifyAuthChallengeResponseHandler({ env, attempts, verifier, links }),
      preAuthentication: options.triggers?.preAuthentication ?? createPreAuthenticationHandler({ env, links }),
      // As the stack wires it: only a pool that takes sign-ups and runs the custom flow has the trigger.
      preSignUp:
        options.triggers?.preSignUp ??
        (selfSignUp && customAuth ? createPreSignUpHandler({ env, attempts }) : undefined),
    },
    log,
  );

  // Choice-based sign-in and sign-up confirmations send codes through the same inbox and count them in the same
  // limits as the triggers.
  const passkeyStore = createPasskeyStore();
  const passkeyCeremonies =
    userAuthOptions && createPasskeyCeremonies({ settings: userAuthOptions, store: passkeyStore });
  // Read once needed, as the triggers read their settings when they run: a pool without USER_AUTH starts
  // whatever the settings, and a bad one is the error of the call that needs it.
  let codeIssuing: { limits: SignInLimits; codes: OneTimePasswords; maxAttempts: number } | undefined;
  const issuing = () => {
    if (codeIssuing) return codeIssuing;
    const config = readTriggerConfig(env);
    const attemptStore = attempts(config);
    const limits = createSignInLimits(attemptStore);
    const sender = options.wrapSender?.(inbox) ?? inbox;
    const codes = createOneTimePasswords({ sender, limits, attempts: attemptStore, config, log });
    return (codeIssuing = { limits, codes, maxAttempts: config.maxAttempts });
  };
  const userAuth = userAuthOptions &&
    passkeyCeremonies && { settings: userAuthOptions, passkeys: passkeyCeremonies, ...issuing() };

  const issuer = () => `${url}${userPoolId}`;
  const tokens = createTokenService({
    keys,
    users,
    issuer,
    refreshTokenSeconds: (options.refreshTokenDays ?? 30) * 24 * 3600,
  });
  const sessions = createSessionStore<PendingSignIn>({
    ttlMs: sessionTtlSeconds * 1000,
    maxSessions: options.maxSessions ?? 10_000,
  });
  const flows = createAuthFlows({
    userPoolId,
    poolName,
    clientId,
    users,
    sessions,
    triggers,
    tokens,
    decoySecret: randomBytes(32),
    userSrpAuth: options.userSrpAuth ?? false,
    customAuth,
    userAuth,
  });
  let signUpConfirmation: SignUpConfirmation | undefined;
  const confirming = () =>
    (signUpConfirmation ??= createSignUpConfirmation({
      users,
      ...issuing(),
      codeLifetimeSeconds: confirmationCodeLifetimeSeconds,
      // Only an app client that allows USER_AUTH gets sessions to sign in with after confirming.
      sessions: userAuth ? sessions : undefined,
      log,
    }));
  const confirmation: SignUpConfirmation = {
    begin: (user, typedName) => confirming().begin(user, typedName),
    confirmSignUp: (input) => confirming().confirmSignUp(input),
    resendConfirmationCode: (input) => confirming().resendConfirmationCode(input),
  };
  const server = createServer(
    createRequestListener({
      operations: createOperations({
        userPoolId,
        clientId,
        flows,
        tokens,
        users,
        signUp: createSignUp({
          userPoolId,
          clientId,
          users,
          triggers,
          selfSignUp,
          // As Cognito: the address (the username) is auto-verified, so EMAIL_OTP can be the new user's factor.
          passwordless: userAuthOptions?.firstFactors.includes('EMAIL_OTP') ?? false,
          confirmation,
        }),
        confirmation,
        adminAccessKeyId,
        passkeyStore,
        passkeys:
          passkeyCeremonies && userAuthOptions?.firstFactors.includes('WEB_AUTHN')
            ? { ceremonies: passkeyCeremonies, relyingPartyId: userAuthOptions.relyingPartyId }
            : undefined,
      }),
      documents: new Map([
        [`/${userPoolId}/.well-known/jwks.json`, () => keys.jwks],
        [`/${userPoolId}/.well-known/openid-configuration`, () => discoveryDocument(issuer())],
      ]),
      inbox,
      requests: createBoundedLog<RequestRecord>(10_000),
      about: { service: 'local-cognito', userPoolId, clientId },
      log,
      access: createOriginPolicy({ corsOrigins, hosts: isLoopbackHost(host) ? [] : [host] }),
    }),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await dynamo.close();
    throw error;
  }
  if (!isLoopbackHost(host)) {
    log(
      `warning: listening on ${host}, not a loopback address: anyone who can reach it can read live codes ` +
        `at /_dev/messages and sign in as any user`,
    );
  }
  const address = server.address() as AddressInfo;
  url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`;

  return {
    url,
    userPoolId,
    clientId,
    inbox,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      });
      await dynamo.close();
    },
  };
}
