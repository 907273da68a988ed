import {
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';

/** Marks a user's email address verified once a code sent to it came back. */
export interface AddressVerifier {
  markVerified(userPoolId: string, username: string): Promise<void>;
}

/**
 * The verifier through Cognito's `AdminUpdateUserAttributes`, one client per warm instance. In Lambda the client
 * uses the function's own role and region; the local endpoint passes its own URL and the credentials it accepts.
 */
export function createCognitoAddressVerifier(config: CognitoIdentityProviderClientConfig = {}): AddressVerifier {
  let client: CognitoIdentityProviderClient | undefined;
  return {
    async markVerified(userPoolId, username) {
      client ??= new CognitoIdentityProviderClient(config);
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
        }),
      );
    },
  };
}
