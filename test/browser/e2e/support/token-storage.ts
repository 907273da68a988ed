/**
 * Where Amplify put the tokens, read straight from the browser's stores: the keys Amplify writes are
 * `CognitoIdentityServiceProvider.<clientId>.<username>.<idToken|accessToken|refreshToken|…>`.
 */
const PREFIX = 'CognitoIdentityServiceProvider.';

/** The token names (`idToken`, `accessToken`, `refreshToken`) held in a Web Storage area. */
export function tokensIn(storage: Storage): string[] {
  return Object.keys(storage)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => key.split('.').at(-1)!)
    .filter((name) => name.endsWith('Token'))
    .sort();
}

/** The token names held in cookies this page can read. */
export function tokensInCookies(): string[] {
  return document.cookie
    .split('; ')
    .map((pair) => decodeURIComponent(pair.split('=')[0] ?? ''))
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => name.split('.').at(-1)!)
    .filter((name) => name.endsWith('Token'))
    .sort();
}

export const ALL_TOKENS = ['accessToken', 'idToken', 'refreshToken'];
