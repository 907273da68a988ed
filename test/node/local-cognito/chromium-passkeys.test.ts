/*
 * The endpoint's passkey ceremonies with a real browser authenticator: headless Chromium with the DevTools
 * protocol's virtual authenticator (internal transport, resident keys, user verification) registers a passkey
 * and signs in with it, using the browser's own WebAuthn JSON (parse…FromJSON, toJSON) on a localhost page.
 * The element's end-to-end specs go the same way through Amplify; this one pins the endpoint alone.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { cognitoRequest, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { RELAXED_LIMITS_ENV, start, type LocalCognito } from '../../../backend/local-cognito/server.ts';
import { launchChromium } from '../../runner-support/demo-browser.ts';
import { PLATFORM_PASSKEY_AUTHENTICATOR } from '../../runner-support/virtual-authenticator-plugin.ts';

const ALICE = 'alice@example.com';

/** What the page's script reports back. */
interface PageResult {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

// Runs inside the page: a Cognito call with the JSON protocol, failing with the error's name and message.
const PAGE_HELPERS = `
  window.cognito = async (url, operation, body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.' + operation,
      },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(json.__type + ': ' + json.message);
    return json;
  };
`;

describe('passkeys on the local endpoint with Chromium’s virtual authenticator', () => {
  let cognito: LocalCognito;
  let pages: Server;
  let browser: Browser;
  let page: Page;
  let accessToken: string;

  before(async () => {
    cognito = await start({
      port: 0,
      log: () => {},
      userAuth: { firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'] },
      triggerEnv: RELAXED_LIMITS_ENV,
    });
    pages = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>passkeys</title><script>${PAGE_HELPERS}</script>`);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await browser.newPage();
    // The relying party is localhost, so the page must be on localhost (a browser refuses it on 127.0.0.1).
    await page.goto(`http://localhost:${(pages.address() as AddressInfo).port}/`);
    const devtools = await page.createCDPSession();
    await devtools.send('WebAuthn.enable');
    await devtools.send('WebAuthn.addVirtualAuthenticator', {
      options: PLATFORM_PASSKEY_AUTHENTICATOR,
    });

    const challenge = await cognitoRequest(cognito.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: cognito.clientId,
      AuthParameters: { USERNAME: ALICE, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    const done = await cognitoRequest(cognito.url, 'RespondToAuthChallenge', {
      ChallengeName: 'EMAIL_OTP',
      ClientId: cognito.clientId,
      Session: (challenge.body as { Session: string }).Session,
      ChallengeResponses: { USERNAME: ALICE, EMAIL_OTP_CODE: await latestCode(cognito.url, ALICE) },
    });
    accessToken = (done.body as { AuthenticationResult: { AccessToken: string } }).AuthenticationResult.AccessToken;
  });
  after(async () => {
    await browser?.close();
    pages?.close();
    await cognito?.close();
  });

  it('registers the authenticator’s passkey: StartWebAuthnRegistration, create(), CompleteWebAuthnRegistration', async () => {
    const result = await page.evaluate(
      async (url: string, AccessToken: string): Promise<PageResult> => {
        try {
          const call = (window as unknown as { cognito: (...args: unknown[]) => Promise<Record<string, unknown>> })
            .cognito;
          const { CredentialCreationOptions } = await call(url, 'StartWebAuthnRegistration', { AccessToken });
          const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(CredentialCreationOptions as never);
          const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
          await call(url, 'CompleteWebAuthnRegistration', { AccessToken, Credential: credential.toJSON() });
          return { ok: true, value: credential.id };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
      cognito.url,
      accessToken,
    );
    assert.equal(result.error, undefined);
    const list = await cognitoRequest(cognito.url, 'ListWebAuthnCredentials', { AccessToken: accessToken });
    const credentials = (list.body as { Credentials: { CredentialId: string; AuthenticatorTransports: string[] }[] })
      .Credentials;
    assert.deepEqual(
      credentials.map(({ CredentialId }) => CredentialId),
      [result.value],
    );
  });

  it('signs in with it alone: InitiateAuth WEB_AUTHN, get(), RespondToAuthChallenge', async () => {
    const result = await page.evaluate(
      async (url: string, ClientId: string, USERNAME: string): Promise<PageResult> => {
        try {
          const call = (window as unknown as { cognito: (...args: unknown[]) => Promise<Record<string, unknown>> })
            .cognito;
          const challenge = await call(url, 'InitiateAuth', {
            AuthFlow: 'USER_AUTH',
            ClientId,
            AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
          });
          const parameters = challenge.ChallengeParameters as Record<string, string>;
          const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(
            JSON.parse(parameters.CREDENTIAL_REQUEST_OPTIONS!),
          );
          const assertion = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
          const done = await call(url, 'RespondToAuthChallenge', {
            ChallengeName: 'WEB_AUTHN',
            ClientId,
            Session: challenge.Session,
            ChallengeResponses: { USERNAME, CREDENTIAL: JSON.stringify(assertion.toJSON()) },
          });
          return { ok: true, value: done.AuthenticationResult };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
      cognito.url,
      cognito.clientId,
      ALICE,
    );
    assert.equal(result.error, undefined);
    assert.ok((result.value as { IdToken?: string }).IdToken);
  });
});
