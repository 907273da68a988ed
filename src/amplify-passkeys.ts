/**
 * The adapter's passkey management, through Amplify's WebAuthn calls: a module that imports Amplify besides the
 * adapter, loaded only when an element with `auth-flow="user-auth"` shows a signed-in user, so that other pages
 * do not carry the registration code.
 */
import { associateWebAuthnCredential, deleteWebAuthnCredential, listWebAuthnCredentials } from 'aws-amplify/auth';
import type { Passkey, PasskeyAdapter } from './auth-adapter.js';

export const passkeys: PasskeyAdapter = {
  // Amplify asks Cognito for the registration options, runs navigator.credentials.create and sends the result.
  add: () => associateWebAuthnCredential(),

  async list() {
    const found: Passkey[] = [];
    let nextToken: string | undefined;
    // Cognito pages the list; a user rarely has more than a few, so every page is read.
    do {
      const page = await listWebAuthnCredentials(nextToken ? { nextToken } : {});
      for (const { credentialId, friendlyCredentialName, createdAt } of page.credentials) {
        if (credentialId) found.push({ credentialId, name: friendlyCredentialName ?? '', createdAt });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return found;
  },

  delete: (credentialId) => deleteWebAuthnCredential({ credentialId }),
};
