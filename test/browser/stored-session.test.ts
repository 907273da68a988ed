import { expect } from '@open-wc/testing';
import { cookieNames, mayHoldSession, pageStorageKeys, type StorageKeys } from '../../src/stored-session.js';

const clientId = '4s2ht1l1c3nt1d';
/** What Amplify's TokenStore writes for a signed-in user of `clientId`. */
const amplifyKeys = [
  `CognitoIdentityServiceProvider.${clientId}.LastAuthUser`,
  `CognitoIdentityServiceProvider.${clientId}.0b5e-user.idToken`,
  `CognitoIdentityServiceProvider.${clientId}.0b5e-user.refreshToken`,
];
const only =
  (kind: string, keys: string[]): StorageKeys =>
  (asked) =>
    asked === kind ? keys : [];

describe('stored session (whether the token storage may hold one)', () => {
  it('may, when the chosen storage holds a key of the client', () => {
    for (const kind of ['local', 'session', 'cookie'] as const) {
      expect(mayHoldSession(clientId, kind, only(kind, ['theme', ...amplifyKeys])), kind).to.equal(true);
    }
  });

  it('may not, when the storage holds nothing of the client', () => {
    expect(mayHoldSession(clientId, 'local', only('local', []))).to.equal(false);
    expect(mayHoldSession(clientId, 'local', only('local', ['theme', 'CognitoIdentityServiceProvider']))).to.equal(
      false,
    );
  });

  it("does not take another client's tokens, nor a client id that merely starts the same, for this one's", () => {
    const otherClient = amplifyKeys.map((key) => key.replace(clientId, 'another-client'));
    const longerId = amplifyKeys.map((key) => key.replace(clientId, `${clientId}x`));
    expect(mayHoldSession(clientId, 'local', only('local', [...otherClient, ...longerId]))).to.equal(false);
  });

  it('looks only in the storage the element chose', () => {
    expect(mayHoldSession(clientId, 'session', only('local', amplifyKeys))).to.equal(false);
    expect(mayHoldSession(clientId, 'cookie', only('session', amplifyKeys))).to.equal(false);
  });

  it('may, when the storage cannot be read: then only Amplify can tell', () => {
    const refused: StorageKeys = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    expect(mayHoldSession(clientId, 'local', refused)).to.equal(true);
  });

  it("reads the cookies' names from the cookie string", () => {
    expect(cookieNames('a=1; CognitoIdentityServiceProvider.c.LastAuthUser=u=1; b=')).to.deep.equal([
      'a',
      'CognitoIdentityServiceProvider.c.LastAuthUser',
      'b',
    ]);
  });

  describe("in the page's own storages", () => {
    afterEach(() => {
      localStorage.clear();
      sessionStorage.clear();
      document.cookie = `CognitoIdentityServiceProvider.${clientId}.LastAuthUser=; max-age=0; path=/`;
    });

    it('finds what Amplify keeps in localStorage, sessionStorage and cookies', () => {
      expect(mayHoldSession(clientId, 'local', pageStorageKeys)).to.equal(false);
      localStorage.setItem(amplifyKeys[0]!, 'user');
      expect(mayHoldSession(clientId, 'local', pageStorageKeys)).to.equal(true);
      expect(mayHoldSession(clientId, 'session', pageStorageKeys)).to.equal(false);
      sessionStorage.setItem(amplifyKeys[0]!, 'user');
      expect(mayHoldSession(clientId, 'session', pageStorageKeys)).to.equal(true);
      expect(mayHoldSession(clientId, 'cookie', pageStorageKeys)).to.equal(false);
      document.cookie = `${amplifyKeys[0]}=user; path=/`;
      expect(mayHoldSession(clientId, 'cookie', pageStorageKeys)).to.equal(true);
    });
  });
});
