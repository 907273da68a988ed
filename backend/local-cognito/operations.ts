import { CognitoError, invalidParameter } from './cognito-error.ts';
import type { AuthFlows } from './auth-flows.ts';
import { describePasskey, type PasskeyCeremonies } from './passkey-ceremonies.ts';
import type { PasskeyStore } from './passkey-store.ts';
import { isJsonObject, requireString, type JsonObject } from './request-input.ts';
import type { SignUpConfirmation } from './sign-up-confirmation.ts';
import type { TokenService } from './token-service.ts';
import type { PoolUser, UserStore } from './user-store.ts';

/** What an operation may need to know about the HTTP request besides its body. */
export interface RequestContext {
  /** The `Authorization` header: administrative operations are signed (SigV4) with AWS credentials. */
  readonly authorization?: string | undefined;
}

/** One Cognito operation: the request body in, the response body out; failures throw `CognitoError`. */
export type Operation = (input: JsonObject, request: RequestContext) => Promise<JsonObject>;

/** What the operations are built from. */
export interface OperationDeps {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly flows: AuthFlows;
  readonly tokens: TokenService;
  readonly users: UserStore;
  readonly signUp: (input: JsonObject) => Promise<JsonObject>;
  /** ConfirmSignUp and ResendConfirmationCode. */
  readonly confirmation: Pick<SignUpConfirmation, 'confirmSignUp' | 'resendConfirmationCode'>;
  /**
   * The access key id of the endpoint's own triggers, the only caller of administrative operations. Cognito
   * checks a SigV4 signature and IAM; this endpoint checks that the request was signed with this key id, so a
   * page on a loopback origin cannot call them.
   */
  readonly adminAccessKeyId: string;
  /** The users' passkeys, listed and deleted whatever the pool allows. */
  readonly passkeyStore: PasskeyStore;
  /** Passkey registration, when the pool allows WEB_AUTHN; else WebAuthnNotEnabledException. */
  readonly passkeys?: { readonly ceremonies: PasskeyCeremonies; readonly relyingPartyId: string } | undefined;
}

/** The Cognito operations the endpoint serves, by the name that follows `AWSCognitoIdentityProviderService.`. */
export function createOperations(deps: OperationDeps): ReadonlyMap<string, Operation> {
  const { clientId, flows, tokens, users } = deps;
  const forClient =
    (operation: (input: JsonObject) => Promise<JsonObject>): Operation =>
    async (input) => {
      const requested = requireString(input, 'ClientId');
      if (requested !== clientId) {
        throw new CognitoError(
          'ResourceNotFoundException',
          `User pool client ${requested.slice(0, 128)} does not exist.`,
        );
      }
      return operation(input);
    };
  // SigV4 puts the key id in the header: `AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/<service>/…`.
  const asAdministrator =
    (operation: (input: JsonObject) => Promise<JsonObject>): Operation =>
    async (input, { authorization = '' }) => {
      if (/Credential=([^/,\s]+)\//.exec(authorization)?.[1] !== deps.adminAccessKeyId) {
        throw new CognitoError(
          'AccessDeniedException',
          "Administrative operations are for the endpoint's own triggers (signed with their credentials).",
        );
      }
      const requested = requireString(input, 'UserPoolId');
      if (requested !== deps.userPoolId) {
        throw new CognitoError('ResourceNotFoundException', `User pool ${requested.slice(0, 55)} does not exist.`);
      }
      return operation(input);
    };

  const registration = () => {
    if (!deps.passkeys)
      throw new CognitoError('WebAuthnNotEnabledException', 'WebAuthn is not enabled for this user pool.');
    return deps.passkeys.ceremonies;
  };
  // Authorized by the signed-in user's access token, as Cognito's self-service operations are.
  const forSignedInUser =
    (operation: (user: PoolUser, input: JsonObject) => Promise<JsonObject>): Operation =>
    async (input) =>
      operation(await tokens.verifyAccessToken(requireString(input, 'AccessToken')), input);

  return new Map<string, Operation>([
    ['SignUp', forClient(deps.signUp)],
    ['ConfirmSignUp', forClient(deps.confirmation.confirmSignUp)],
    ['ResendConfirmationCode', forClient(deps.confirmation.resendConfirmationCode)],
    [
      'AdminUpdateUserAttributes',
      asAdministrator(async (input) => {
        const user = users.find(requireString(input, 'Username'));
        if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
        const changes = readAttributeList(input.UserAttributes);
        users.updateAttributes(user.username, changes);
        return {};
      }),
    ],
    ['InitiateAuth', forClient(flows.initiateAuth)],
    ['RespondToAuthChallenge', forClient(flows.respondToAuthChallenge)],
    [
      'GetTokensFromRefreshToken',
      forClient(async (input) => ({
        AuthenticationResult: await tokens.refresh(requireString(input, 'RefreshToken'), clientId),
      })),
    ],
    [
      'RevokeToken',
      // RevokeToken does not declare ResourceNotFoundException, so an unknown client is refused the way the
      // operation does declare: the client is not authorized to revoke this pool's tokens.
      async (input) => {
        const token = requireString(input, 'Token');
        const requested = requireString(input, 'ClientId');
        if (requested !== clientId) {
          throw new CognitoError('UnauthorizedException', `Client ${requested.slice(0, 128)} is not authorized.`);
        }
        tokens.revoke(token, clientId);
        return {};
      },
    ],
    [
      'GlobalSignOut',
      async (input) => {
        tokens.signOutEverywhere(await tokens.verifyAccessToken(requireString(input, 'AccessToken')));
        return {};
      },
    ],
    [
      'GetUser',
      async (input) => {
        const user = await tokens.verifyAccessToken(requireString(input, 'AccessToken'));
        const UserAttributes = Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
        return { Username: user.username, UserAttributes };
      },
    ],
    [
      'StartWebAuthnRegistration',
      forSignedInUser(async (user) => ({ CredentialCreationOptions: await registration().startRegistration(user) })),
    ],
    [
      'CompleteWebAuthnRegistration',
      forSignedInUser(async (user, input) => {
        if (input.Credential === undefined || input.Credential === null) {
          throw invalidParameter(
            "1 validation error detected: Value null at 'credential' failed to satisfy constraint: Member must not be null",
          );
        }
        await registration().completeRegistration(user, input.Credential);
        return {};
      }),
    ],
    [
      'ListWebAuthnCredentials',
      forSignedInUser(async (user, input) => {
        const pageSize = readMaxResults(input.MaxResults);
        const start = input.NextToken === undefined ? 0 : readNextToken(input.NextToken);
        const passkeys = deps.passkeyStore.list(user.username);
        const page = passkeys.slice(start, start + pageSize);
        const relyingPartyId = deps.passkeys?.relyingPartyId ?? 'localhost';
        return {
          Credentials: page.map((passkey) => describePasskey(passkey, relyingPartyId)),
          ...(start + pageSize < passkeys.length ? { NextToken: String(start + pageSize) } : {}),
        };
      }),
    ],
    [
      'DeleteWebAuthnCredential',
      forSignedInUser(async (user, input) => {
        if (!deps.passkeyStore.remove(user.username, requireString(input, 'CredentialId'))) {
          throw new CognitoError('ResourceNotFoundException', 'Credential not found.');
        }
        return {};
      }),
    ],
  ]);
}

// Cognito's bounds for ListWebAuthnCredentials' MaxResults.
function readMaxResults(value: unknown): number {
  if (value === undefined || value === null) return 20;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 20) {
    throw invalidParameter('MaxResults must be a whole number from 1 to 20.');
  }
  return value as number;
}

// The page token is the index of the next passkey; anything else is refused, not read as the first page.
function readNextToken(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value)) throw invalidParameter('Invalid NextToken.');
  return Number(value);
}

// The attributes an administrator may set here; `sub` and the address itself are the pool's.
const ADMIN_ATTRIBUTES = /^(email_verified|name|locale|custom:[\w-]{1,20})$/;

function readAttributeList(value: unknown): Record<string, string> {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidParameter(
      "1 validation error detected: Value at 'userAttributes' failed to satisfy constraint: Member must not be null",
    );
  }
  const changes: Record<string, string> = {};
  for (const entry of value) {
    if (!isJsonObject(entry) || typeof entry.Name !== 'string' || typeof entry.Value !== 'string') {
      throw invalidParameter('Each user attribute needs a Name and a Value.');
    }
    if (!ADMIN_ATTRIBUTES.test(entry.Name))
      throw invalidParameter(`Cannot modify attribute ${entry.Name.slice(0, 40)}.`);
    if (entry.Name === 'email_verified' && !['true', 'false'].includes(entry.Value)) {
      throw invalidParameter('email_verified must be true or false.');
    }
    changes[entry.Name] = entry.Value;
  }
  return changes;
}
