import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import { CognitoError, invalidParameter } from './cognito-error.ts';
import type { Passkey, PasskeyStore } from './passkey-store.ts';
import { isJsonObject, type JsonObject } from './request-input.ts';
import type { UserAuthSettings } from './user-auth-settings.ts';
import type { PoolUser } from './user-store.ts';

/** The WebAuthn ceremonies of the pool, checked by `@simplewebauthn/server`. */
export interface PasskeyCeremonies {
  /** StartWebAuthnRegistration: creation options for the signed-in user, remembering their challenge. */
  startRegistration(user: PoolUser): Promise<JsonObject>;
  /** CompleteWebAuthnRegistration: checks the attestation against the user's outstanding challenge, keeps the key. */
  completeRegistration(user: PoolUser, credential: unknown): Promise<void>;
  /** The `CREDENTIAL_REQUEST_OPTIONS` of a WEB_AUTHN challenge and the challenge to check the answer against. */
  requestOptions(): Promise<{ options: JsonObject; challenge: string }>;
  /** Reads a `CREDENTIAL` answer; `InvalidParameterException` when it is not an assertion's JSON. */
  parseAssertion(text: string): AuthenticationResponseJSON;
  /** Whether the assertion is the user's passkey signing this challenge from an allowed origin. */
  verifyAssertion(
    user: PoolUser | undefined,
    challenge: string,
    assertion: AuthenticationResponseJSON,
  ): Promise<boolean>;
}

/** What {@link createPasskeyCeremonies} needs. */
export interface PasskeyCeremonyDeps {
  readonly settings: UserAuthSettings;
  readonly store: PasskeyStore;
  readonly now?: () => number;
}

// Cognito's limit on passkeys per user.
const MAX_PASSKEYS = 20;
// How long a registration may take between Start and Complete.
const REGISTRATION_MS = 5 * 60_000;
const CEREMONY_TIMEOUT_MS = 60_000;
// ES256 and RS256, what Cognito accepts.
const ALGORITHMS = [-7, -257];

/**
 * Creates the ceremonies. Registration asks for a discoverable credential (a passkey the browser can find by
 * itself), so sign-in can ask with an empty `allowCredentials`: the request options are then the same for every
 * name, known or not, with passkeys or without, and do not tell them apart. (Cognito lists the user's
 * credentials there.)
 */
export function createPasskeyCeremonies({ settings, store, now = Date.now }: PasskeyCeremonyDeps): PasskeyCeremonies {
  const registrations = new Map<string, { challenge: string; expiresAt: number }>();
  const requireUserVerification = settings.userVerification === 'required';

  /** The origin the client data names, when the pool accepts it. */
  function allowedOrigin(clientDataJSON: unknown): string | undefined {
    try {
      const { origin } = decodeClientDataJSON(String(clientDataJSON));
      return settings.isAllowedOrigin(origin) ? origin : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async startRegistration(user) {
      const passkeys = store.list(user.username);
      if (passkeys.length >= MAX_PASSKEYS) {
        throw new CognitoError('LimitExceededException', `A user can register at most ${MAX_PASSKEYS} passkeys.`);
      }
      const options = await generateRegistrationOptions({
        rpName: settings.relyingPartyId,
        rpID: settings.relyingPartyId,
        userName: user.email,
        userID: new TextEncoder().encode(user.sub),
        userDisplayName: user.attributes.name ?? user.email,
        timeout: CEREMONY_TIMEOUT_MS,
        attestationType: 'none',
        excludeCredentials: passkeys.map(({ id, transports }) => ({ id, transports: [...transports] })),
        authenticatorSelection: { residentKey: 'required', userVerification: settings.userVerification },
        supportedAlgorithmIDs: ALGORITHMS,
      });
      registrations.set(user.username, { challenge: options.challenge, expiresAt: now() + REGISTRATION_MS });
      return options as unknown as JsonObject;
    },

    async completeRegistration(user, credential) {
      if (!isJsonObject(credential) || !isJsonObject(credential.response) || typeof credential.id !== 'string') {
        throw invalidParameter('Credential must be the JSON of a registration response (RegistrationResponseJSON).');
      }
      const pending = registrations.get(user.username);
      registrations.delete(user.username);
      if (!pending || now() > pending.expiresAt) {
        throw new CognitoError(
          'WebAuthnChallengeNotFoundException',
          'The registration challenge was not found or expired.',
        );
      }
      const origin = allowedOrigin(credential.response.clientDataJSON);
      if (!origin) {
        throw new CognitoError(
          'WebAuthnOriginNotAllowedException',
          'The passkey was registered from an origin this pool does not allow.',
        );
      }
      const response = credential as unknown as RegistrationResponseJSON;
      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response,
          expectedChallenge: pending.challenge,
          expectedOrigin: origin,
          expectedRPID: settings.relyingPartyId,
          requireUserVerification,
          supportedAlgorithmIDs: ALGORITHMS,
        });
      } catch (error) {
        throw registrationError(error);
      }
      if (!verified.verified) {
        throw new CognitoError('WebAuthnCredentialNotSupportedException', 'The passkey could not be verified.');
      }
      const { credential: key } = verified.registrationInfo;
      if (store.isRegistered(key.id)) throw invalidParameter('This passkey is already registered.');
      const passkey: Passkey = {
        id: key.id,
        publicKey: key.publicKey,
        counter: key.counter,
        transports: response.response.transports ?? [],
        attachment: response.authenticatorAttachment,
        friendlyName: `Passkey ${store.list(user.username).length + 1}`,
        createdAt: now(),
      };
      store.add(user.username, passkey);
    },

    async requestOptions() {
      const options = await generateAuthenticationOptions({
        rpID: settings.relyingPartyId,
        allowCredentials: [],
        timeout: CEREMONY_TIMEOUT_MS,
        userVerification: settings.userVerification,
      });
      return { options: options as unknown as JsonObject, challenge: options.challenge };
    },

    parseAssertion(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (
        !isJsonObject(value) ||
        typeof value.id !== 'string' ||
        !isJsonObject(value.response) ||
        typeof value.response.clientDataJSON !== 'string' ||
        typeof value.response.authenticatorData !== 'string' ||
        typeof value.response.signature !== 'string'
      ) {
        throw invalidParameter(
          'CREDENTIAL must be the JSON of an authentication response (AuthenticationResponseJSON).',
        );
      }
      return value as unknown as AuthenticationResponseJSON;
    },

    async verifyAssertion(user, challenge, assertion) {
      const passkey = user && store.list(user.username).find(({ id }) => id === assertion.id);
      const origin = allowedOrigin(assertion.response.clientDataJSON);
      if (!user || !passkey || !origin) return false;
      try {
        const { verified, authenticationInfo } = await verifyAuthenticationResponse({
          response: assertion,
          expectedChallenge: challenge,
          expectedOrigin: origin,
          expectedRPID: settings.relyingPartyId,
          credential: {
            id: passkey.id,
            publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
            counter: passkey.counter,
          },
          requireUserVerification,
        });
        if (verified) store.recordUse(user.username, passkey.id, authenticationInfo.newCounter);
        return verified;
      } catch {
        return false;
      }
    },
  };
}

// The library says what failed only in its messages; they name the challenge and the RP ID when those are wrong.
function registrationError(error: unknown): CognitoError {
  const message = error instanceof Error ? error.message : String(error);
  if (/challenge/i.test(message)) {
    return new CognitoError(
      'WebAuthnChallengeNotFoundException',
      'The registration does not answer the outstanding challenge.',
    );
  }
  if (/RP ?ID/i.test(message)) {
    return new CognitoError('WebAuthnRelyingPartyMismatchException', 'The passkey belongs to another relying party.');
  }
  return new CognitoError(
    'WebAuthnCredentialNotSupportedException',
    `The passkey is not supported: ${message.slice(0, 200)}`,
  );
}

/** ListWebAuthnCredentials' description of a passkey. */
export function describePasskey(passkey: Passkey, relyingPartyId: string): JsonObject {
  return {
    CredentialId: passkey.id,
    FriendlyCredentialName: passkey.friendlyName,
    RelyingPartyId: relyingPartyId,
    ...(passkey.attachment ? { AuthenticatorAttachment: passkey.attachment } : {}),
    AuthenticatorTransports: [...passkey.transports],
    // Cognito's JSON protocol carries timestamps as epoch seconds.
    CreatedAt: passkey.createdAt / 1000,
  };
}
