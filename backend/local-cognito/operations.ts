import { CognitoError } from './cognito-error.ts';
import type { AuthFlows } from './auth-flows.ts';
import { requireString, type JsonObject } from './request-input.ts';
import type { TokenService } from './token-service.ts';

/** One Cognito operation: the request body in, the response body out; failures throw `CognitoError`. */
export type Operation = (input: JsonObject) => Promise<JsonObject>;

/** What the operations are built from. */
export interface OperationDeps {
  readonly clientId: string;
  readonly flows: AuthFlows;
  readonly tokens: TokenService;
}

/** The Cognito operations the endpoint serves, by the name that follows `AWSCognitoIdentityProviderService.`. */
export function createOperations({ clientId, flows, tokens }: OperationDeps): ReadonlyMap<string, Operation> {
  const forClient =
    (operation: Operation): Operation =>
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

  return new Map<string, Operation>([
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
  ]);
}
