/**
 * The default {@link AuthAdapter}: a thin layer over Amplify v6 Auth. This is the only module that imports
 * Amplify (with its lazily loaded halves, `amplify-sign-up.ts` and `amplify-passkeys.ts`), so everything else
 * stays testable with a fake and the library could be swapped in one place.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { CookieStorage, Hub, defaultStorage, sessionStorage, type KeyValueStorageInterface } from 'aws-amplify/utils';
import type { AuthAdapter, TokenStorageChoice } from './auth-adapter.js';

/** A month: the refresh token's default lifetime, so a cookie does not outlive what it holds by much. */
const COOKIE_DAYS = 30;

function tokenStorage({ kind, cookieDomain }: TokenStorageChoice): KeyValueStorageInterface {
  if (kind === 'session') return sessionStorage;
  if (kind === 'local') return defaultStorage;
  // Secure and SameSite=Strict: the tokens never travel over plain HTTP (browsers treat localhost as secure) nor
  // with requests other sites start.
  return new CookieStorage({
    ...(cookieDomain ? { domain: cookieDomain } : {}),
    path: '/',
    expires: COOKIE_DAYS,
    secure: true,
    sameSite: 'strict',
  });
}

/**
 * The page's current Amplify configuration, or an empty one. Amplify answers `getConfig()` before any
 * `configure()` with a console warning; for the element that is the normal start on a plain page, so that one
 * warning is held back. (Amplify's own warning-free check lives in a package the element does not depend on.)
 */
function currentConfig(): ReturnType<typeof Amplify.getConfig> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Amplify has not been configured')) warn(...args);
  };
  try {
    return Amplify.getConfig();
  } finally {
    console.warn = warn;
  }
}

export const amplifyAuthAdapter: AuthAdapter = {
  authConfig() {
    const { userPoolId, userPoolClientId, userPoolEndpoint } = currentConfig().Auth?.Cognito ?? {};
    if (!userPoolId || !userPoolClientId) return undefined;
    return { userPoolId, userPoolClientId, ...(userPoolEndpoint ? { userPoolEndpoint } : {}) };
  },

  configure({ userPoolId, userPoolClientId, userPoolEndpoint }, storage) {
    // Amplify holds one configuration per page: keep the page's other categories (API, Storage, …).
    // Without a token provider in the library options, Amplify.configure also puts the tokens back into
    // localStorage, undoing a storage the page chose with setKeyValueStorage (aws-amplify 6.22); handing it the
    // singleton provider `aws-amplify/auth` uses keeps that storage. The provider is then told about the pool.
    // No identity pool credentials provider: the element configures a user pool only, so there are no AWS
    // credentials to fetch.
    Amplify.configure(
      {
        ...currentConfig(),
        Auth: { Cognito: { userPoolId, userPoolClientId, ...(userPoolEndpoint ? { userPoolEndpoint } : {}) } },
      },
      { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } },
    );
    cognitoUserPoolsTokenProvider.setAuthConfig(Amplify.getConfig().Auth!);
    if (storage) cognitoUserPoolsTokenProvider.setKeyValueStorage(tokenStorage(storage));
  },

  signIn({ username, password, authFlowType, preferredChallenge, clientMetadata }) {
    // Amplify rejects any password for CUSTOM_WITHOUT_SRP, so it is only passed along for the SRP flow. USER_AUTH
    // is the same call (its code is in Amplify's signIn either way), with the preferred first factor.
    const withPassword = authFlowType === 'CUSTOM_WITH_SRP' ? { password } : {};
    return signIn({ username, ...withPassword, options: { authFlowType, preferredChallenge, clientMetadata } });
  },

  // Amplify's sign-up calls are a chunk of their own, fetched by the first sign-up.
  signUps: async () => (await import('./amplify-sign-up.js')).signUps,

  confirmSignIn(challengeResponse) {
    return confirmSignIn({ challengeResponse });
  },

  // Amplify's passkey management is a chunk of its own, fetched once a user-auth element shows a signed-in user.
  passkeys: async () => (await import('./amplify-passkeys.js')).passkeys,

  async getCurrentUser() {
    const { username, userId, signInDetails } = await getCurrentUser();
    // Amplify keeps the typed sign-in name beside the tokens. A session it did not record that for (tokens stored
    // by other code or an older Amplify), or one a sign-in link started by the username, still has the email in
    // its ID token.
    let loginId = signInDetails?.loginId;
    if (!loginId || loginId == username) {
      const email = (await fetchAuthSession()).tokens?.idToken?.payload.email;
      if (typeof email === 'string') loginId = email;
    }
    return { username, userId, ...(loginId ? { loginId } : {}) };
  },

  async fetchTokens() {
    const { tokens } = await fetchAuthSession();
    if (!tokens?.idToken) return null;
    const expiryEpochSeconds = tokens.accessToken.payload.exp ?? 0;
    return {
      idToken: tokens.idToken.toString(),
      accessToken: tokens.accessToken.toString(),
      expiresAt: expiryEpochSeconds * 1000,
    };
  },

  signOut({ global }) {
    return signOut({ global });
  },

  listen(listener) {
    return Hub.listen('auth', ({ payload: { event } }) => {
      if (event === 'signedIn') listener('signedIn');
      // A refresh that fails leaves nobody signed in.
      else if (event === 'signedOut' || event === 'tokenRefresh_failure') listener('signedOut');
    });
  },
};
