/**
 * The default adapter against the real Amplify. Only `fetch` is replaced, by a stand-in that records each
 * Cognito request and answers it, so these tests see exactly what Amplify puts on the wire without a server.
 * (Whole sign-ins against the local Cognito endpoint belong to the end-to-end tests.)
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { Amplify } from 'aws-amplify';
import { Hub } from 'aws-amplify/utils';
import type { AuthChange } from '../../src/auth-adapter.js';
import { amplifyAuthAdapter } from '../../src/amplify-auth-adapter.js';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import '../../src/custom-auth-login.js';

interface CognitoRequest {
  url: string;
  operation: string;
  body: Record<string, unknown>;
}

const endpoint = 'http://127.0.0.1:9/cognito';
const realFetch = window.fetch;
let requests: CognitoRequest[] = [];

/** Answers every Cognito request with `answer(operation)`, recording the request first. */
function stubCognito(answer: (operation: string) => Record<string, unknown>): void {
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const operation = (headers.get('x-amz-target') ?? '').replace('AWSCognitoIdentityProviderService.', '');
    requests.push({ url: String(input), operation, body: JSON.parse(String(init?.body ?? '{}')) });
    return new Response(JSON.stringify(answer(operation)), {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `request-${requests.length}` },
    });
  };
}

const challengeAnswer = {
  ChallengeName: 'CUSTOM_CHALLENGE',
  Session: 'session-1',
  ChallengeParameters: {
    USERNAME: 'alice@example.com',
    destination: 'a***@e***.com',
    codeLength: '6',
    attemptsLeft: '3',
  },
};

describe('Amplify auth adapter', () => {
  afterEach(() => {
    window.fetch = realFetch;
    requests = [];
  });

  describe('before anything is configured', () => {
    it('reports no auth configuration, without Amplify warning about it', () => {
      const warnings: unknown[] = [];
      const realWarn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        expect(amplifyAuthAdapter.authConfig()).to.equal(undefined);
      } finally {
        console.warn = realWarn;
      }
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('when the element configures Amplify', () => {
    it('sets the pool, the client and the endpoint, keeping the page’s other categories', () => {
      Amplify.configure({ API: { REST: { orders: { endpoint: 'https://api.example.com' } } } });
      amplifyAuthAdapter.configure({
        userPoolId: 'local_devpool',
        userPoolClientId: 'localdevclient',
        userPoolEndpoint: endpoint,
      });

      const config = Amplify.getConfig();
      expect(config.Auth?.Cognito).to.include({
        userPoolId: 'local_devpool',
        userPoolClientId: 'localdevclient',
        userPoolEndpoint: endpoint,
      });
      expect(config.API?.REST?.orders?.endpoint).to.equal('https://api.example.com');
      expect(amplifyAuthAdapter.authConfig()).to.deep.equal({
        userPoolId: 'local_devpool',
        userPoolClientId: 'localdevclient',
        userPoolEndpoint: endpoint,
      });
    });
  });

  describe('when signing in', () => {
    beforeEach(() => {
      amplifyAuthAdapter.configure({
        userPoolId: 'local_devpool',
        userPoolClientId: 'localdevclient',
        userPoolEndpoint: endpoint,
      });
    });

    it('starts CUSTOM_AUTH without a password, even when one is passed', async () => {
      stubCognito(() => challengeAnswer);
      const result = await amplifyAuthAdapter.signIn({
        username: 'alice@example.com',
        password: 'ignored',
        authFlowType: 'CUSTOM_WITHOUT_SRP',
      });

      expect(requests.map(({ url, operation }) => ({ url, operation }))).to.deep.equal([
        { url: endpoint, operation: 'InitiateAuth' },
      ]);
      expect(requests[0]!.body).to.deep.include({
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: 'localdevclient',
        AuthParameters: { USERNAME: 'alice@example.com' },
      });
      expect(result).to.deep.equal({
        isSignedIn: false,
        nextStep: {
          signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
          additionalInfo: challengeAnswer.ChallengeParameters,
        },
      });
    });

    it('answers the challenge with the session Cognito gave', async () => {
      stubCognito(() => challengeAnswer);
      await amplifyAuthAdapter.signIn({ username: 'alice@example.com', authFlowType: 'CUSTOM_WITHOUT_SRP' });
      await amplifyAuthAdapter.confirmSignIn('123456');

      const answer = requests[1]!;
      expect(answer.operation).to.equal('RespondToAuthChallenge');
      expect(answer.body).to.deep.include({
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: 'session-1',
        ChallengeResponses: { USERNAME: 'alice@example.com', ANSWER: '123456' },
      });
    });

    it('starts the SRP flow with the password for custom-with-srp', async () => {
      stubCognito(() => ({}));
      // The stand-in's empty answer is not a valid SRP challenge, so only the first request matters here.
      await amplifyAuthAdapter
        .signIn({ username: 'bob@example.com', password: 'Correct-Horse-42', authFlowType: 'CUSTOM_WITH_SRP' })
        .catch(() => undefined);

      const authParameters = requests[0]!.body.AuthParameters as Record<string, string>;
      expect(requests[0]!.body.AuthFlow).to.equal('CUSTOM_AUTH');
      expect(authParameters.USERNAME).to.equal('bob@example.com');
      expect(authParameters.CHALLENGE_NAME).to.equal('SRP_A');
      expect(authParameters.SRP_A).to.match(/^[0-9a-f]+$/);
    });
  });

  describe('when nobody is signed in', () => {
    beforeEach(() => {
      amplifyAuthAdapter.configure({
        userPoolId: 'local_devpool',
        userPoolClientId: 'localdevclient',
        userPoolEndpoint: endpoint,
      });
    });

    it('rejects getCurrentUser locally', async () => {
      stubCognito(() => expect.fail('no request expected'));
      const error = await amplifyAuthAdapter.getCurrentUser().then(
        () => expect.fail('getCurrentUser should reject'),
        (rejection: Error) => rejection,
      );
      expect(error.name).to.equal('UserUnAuthenticatedException');
      expect(requests).to.deep.equal([]);
    });

    it('resolves fetchTokens with null', async () => {
      stubCognito(() => expect.fail('no request expected'));
      expect(await amplifyAuthAdapter.fetchTokens()).to.equal(null);
    });
  });

  describe('when someone on the page signs in or out through Amplify', () => {
    /** Puts `events` on Amplify's auth channel, which is Amplify's own: from outside, Amplify warns each time. */
    function dispatchAuthEvents(...events: string[]): void {
      const warn = console.warn;
      console.warn = () => {};
      try {
        for (const event of events) Hub.dispatch('auth', { event } as never);
      } finally {
        console.warn = warn;
      }
    }

    it('reports sign-ins and sign-outs, and a failed token refresh as a sign-out', () => {
      const changes: AuthChange[] = [];
      const stop = amplifyAuthAdapter.listen((change) => changes.push(change));
      dispatchAuthEvents('signedIn', 'tokenRefresh', 'signedOut', 'tokenRefresh_failure', 'customOAuthState');
      stop();
      expect(changes).to.deep.equal(['signedIn', 'signedOut', 'signedOut']);
    });

    it('stops reporting once unsubscribed', () => {
      const changes: AuthChange[] = [];
      amplifyAuthAdapter.listen((change) => changes.push(change))();
      dispatchAuthEvents('signedOut');
      expect(changes).to.deep.equal([]);
    });
  });

  describe('when the page configured Amplify and the element has no pool attributes', () => {
    it('uses the page’s pool and shows the username form', async () => {
      Amplify.configure({ Auth: { Cognito: { userPoolId: 'local_pagepool', userPoolClientId: 'pageclient' } } });
      stubCognito(() => expect.fail('no request expected'));
      const el = document.createElement('custom-auth-login') as CustomAuthLogin;
      el.addEventListener('auth-error', () => expect.fail('no error expected'));
      const shown = oneEvent(el, 'auth-step-change');
      await fixture(html`<div>${el}</div>`);

      expect((await shown).detail.step).to.equal('username');
      expect(Amplify.getConfig().Auth?.Cognito.userPoolId).to.equal('local_pagepool');
    });
  });
});
