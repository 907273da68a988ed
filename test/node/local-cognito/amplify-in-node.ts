/**
 * Amplify v6 configured in Node against a local endpoint, the way the Amplify specs use it: tokens in an
 * in-memory key-value store the spec can read. Amplify is one global, so one spec file configures it once.
 */
import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger } from 'aws-amplify/utils';
import type { LocalCognito } from '../../../backend/local-cognito/server.ts';

// Amplify warns about the custom endpoint on every call; only errors matter here.
ConsoleLogger.LOG_LEVEL = 'ERROR';

/** What Amplify has stored, by key. */
export const stored = new Map<string, string>();

const memoryStorage = {
  setItem: async (key: string, value: string) => void stored.set(key, value),
  getItem: async (key: string) => stored.get(key) ?? null,
  removeItem: async (key: string) => void stored.delete(key),
  clear: async () => stored.clear(),
};

/** Points Amplify at the endpoint, its tokens kept in {@link stored}. */
export function configureAmplify(server: LocalCognito) {
  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: server.userPoolId, userPoolClientId: server.clientId, userPoolEndpoint: server.url },
    },
  });
  // configure() resets the token storage to its default every time, so the in-memory store goes in afterwards.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(memoryStorage);
}
