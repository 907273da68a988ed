import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  clearDevLogs,
  cognitoRequest,
  fetchMessages,
  fetchRequests,
  type RawResponse,
} from '../../../backend/local-cognito/dev-client.ts';
import {
  DEFAULT_USERS_FILE,
  RELAXED_LIMITS_ENV,
  start,
  type LocalCognito,
} from '../../../backend/local-cognito/server.ts';
import { loadUsersFile } from '../../../backend/local-cognito/user-store.ts';
import { UUID } from './shapes.ts';

const AMPLIFY_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'cache-control',
];

describe('local Cognito endpoint over raw HTTP', () => {
  let server: LocalCognito;
  const logged: string[] = [];
  const statuses: number[] = [];

  before(async () => {
    // The demo users and a second passwordless one (the demo's Bob needs his password first).
    const users = [
      ...(await loadUsersFile(DEFAULT_USERS_FILE)),
      { username: 'carol@example.com', email: 'carol@example.com' },
    ];
    server = await start({ port: 0, users, triggerEnv: RELAXED_LIMITS_ENV, log: (line) => logged.push(line) });
  });
  after(() => server.close());

  async function call(operation: string, body: unknown): Promise<RawResponse> {
    const response = await cognitoRequest(server.url, operation, body);
    statuses.push(response.status);
    return response;
  }
  const initiateAlice = () =>
    call('InitiateAuth', {
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: server.clientId,
      AuthParameters: { USERNAME: 'alice@example.com' },
    });

  function assertCognitoError(response: RawResponse, status: number, type: string, message?: RegExp) {
    assert.equal(response.status, status);
    assert.equal(response.headers.get('x-amzn-errortype'), type);
    const body = response.body as { __type: string; message: string };
    assert.equal(body.__type, type);
    assert.equal(typeof body.message, 'string');
    if (message) assert.match(body.message, message);
  }

  describe('when a browser on another origin calls', () => {
    it('answers the preflight allowing the headers the client library sends', async () => {
      const response = await fetch(server.url, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:8000',
          'access-control-request-method': 'POST',
          'access-control-request-headers': AMPLIFY_HEADERS.join(','),
        },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:8000');
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
      for (const header of [...AMPLIFY_HEADERS, 'authorization']) assert.ok(allowed.includes(header), header);
    });

    it('lets the page read the error type and request id', async () => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          origin: 'http://127.0.0.1:8000',
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: JSON.stringify({ ClientId: 'nope' }),
      });
      statuses.push(response.status);
      assert.equal(response.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8000');
      assert.match(response.headers.get('access-control-expose-headers') ?? '', /x-amzn-errortype.*x-amzn-requestid/);
      assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  describe('when the request is malformed', () => {
    it('answers SerializationException for a body that is not JSON', async () => {
      assertCognitoError(await call('InitiateAuth', '{"AuthFlow": '), 400, 'SerializationException');
    });

    it('answers SerializationException for JSON that is not an object', async () => {
      assertCognitoError(await call('InitiateAuth', '["CUSTOM_AUTH"]'), 400, 'SerializationException');
    });

    it('answers UnknownOperationException for an operation it does not serve', async () => {
      assertCognitoError(await call('AdminCreateUser', {}), 400, 'UnknownOperationException', /AdminCreateUser/);
      assertCognitoError(await call('constructor', {}), 400, 'UnknownOperationException');
    });

    it('answers UnknownOperationException without an X-Amz-Target header', async () => {
      const response = await fetch(server.url, { method: 'POST', body: '{}' });
      statuses.push(response.status);
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    });

    it('answers 413 for a body over 64 KiB', async () => {
      const body = JSON.stringify({ ClientId: server.clientId, Padding: 'x'.repeat(70 * 1024) });
      assertCognitoError(await call('InitiateAuth', body), 413, 'RequestEntityTooLargeException', /65536 bytes/);
    });

    it('names members of the wrong type or missing', async () => {
      assertCognitoError(
        await call('InitiateAuth', { ClientId: 42 }),
        400,
        'InvalidParameterException',
        /'clientId'.*must be a string/,
      );
      assertCognitoError(await call('InitiateAuth', {}), 400, 'InvalidParameterException', /Value null at 'clientId'/);
      assertCognitoError(
        await call('InitiateAuth', { ClientId: server.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: 'alice' }),
        400,
        'InvalidParameterException',
        /'authParameters'/,
      );
    });

    it('refuses an unknown auth flow, listing the known ones', async () => {
      const response = await call('InitiateAuth', { ClientId: server.clientId, AuthFlow: 'MAGIC_LINK' });
      assertCognitoError(response, 400, 'InvalidParameterException', /Value 'MAGIC_LINK' at 'authFlow'.*CUSTOM_AUTH/);
    });

    it('refuses an unknown app client with ResourceNotFoundException', async () => {
      assertCognitoError(
        await call('InitiateAuth', { ClientId: 'other', AuthFlow: 'CUSTOM_AUTH' }),
        400,
        'ResourceNotFoundException',
      );
    });

    it('refuses a challenge this pool never asks', async () => {
      const response = await call('RespondToAuthChallenge', {
        ClientId: server.clientId,
        ChallengeName: 'SMS_MFA',
        Session: 'x',
        ChallengeResponses: { USERNAME: 'alice@example.com', SMS_MFA_CODE: '1' },
      });
      assertCognitoError(response, 400, 'InvalidParameterException', /SMS_MFA/);
    });

    it('answers unknown paths and methods with a JSON 404 or 405', async () => {
      const missing = await fetch(new URL('nothing-here', server.url));
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { __type: string }).__type, 'NotFoundException');
      const wrongMethod = await fetch(new URL('_dev/messages', server.url), { method: 'PUT' });
      assert.equal(wrongMethod.status, 405);
      await wrongMethod.body?.cancel();
    });

    it('answers 400 to a request target that is not a URL', async () => {
      const { request } = await import('node:http');
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const { hostname, port } = new URL(server.url);
        request({ hostname, port, method: 'GET', path: 'http://[' }, (response) => {
          response.resume();
          resolve(response.statusCode);
        })
          .on('error', reject)
          .end();
      });
      statuses.push(status ?? 0);
      assert.equal(status, 400);
    });

    it('keeps serving, and never answered with a 5xx', async () => {
      const response = await initiateAlice();
      assert.equal(response.status, 200);
      assert.ok(statuses.length > 10);
      assert.ok(
        statuses.every((status) => status < 500),
        String(statuses),
      );
    });
  });

  describe('when the development routes are used', () => {
    it('lists sent codes newest last and prints each one', async () => {
      await clearDevLogs(server.url);
      logged.length = 0;
      await call('InitiateAuth', {
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: server.clientId,
        AuthParameters: { USERNAME: 'alice@example.com' },
      });
      await call('InitiateAuth', {
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: server.clientId,
        AuthParameters: { USERNAME: 'carol@example.com' },
      });
      const messages = await fetchMessages(server.url);
      assert.deepEqual(
        messages.map((message) => message.to),
        ['alice@example.com', 'carol@example.com'],
      );
      for (const message of messages) {
        assert.match(message.username, UUID, 'the code is for the username, a UUID');
        assert.ok(!Number.isNaN(Date.parse(message.sentAt)));
        assert.ok(logged.some((line) => line.includes(message.code) && line.includes(message.to)));
      }
    });

    it('clears the inbox on DELETE', async () => {
      await initiateAlice();
      const response = await fetch(new URL('_dev/messages', server.url), { method: 'DELETE' });
      assert.equal(response.status, 204);
      assert.deepEqual(await fetchMessages(server.url), []);
    });

    it('records every Cognito operation received, in order, and clears on DELETE', async () => {
      await clearDevLogs(server.url);
      await initiateAlice();
      await call('GetUser', { AccessToken: 'x' });
      await call('AdminDeleteUser', {});
      const requests = await fetchRequests(server.url);
      assert.deepEqual(
        requests.map((request) => request.operation),
        ['InitiateAuth', 'GetUser', 'AdminDeleteUser'],
      );
      assert.ok(requests.every((request) => !Number.isNaN(Date.parse(request.at))));
      await fetch(new URL('_dev/requests', server.url), { method: 'DELETE' });
      assert.deepEqual(await fetchRequests(server.url), []);
    });
  });

  describe('when an application backend fetches the pool keys', () => {
    it('serves the discovery document naming the issuer and the JWKS, like Cognito', async () => {
      const response = await fetch(new URL(`${server.userPoolId}/.well-known/openid-configuration`, server.url));
      assert.equal(response.status, 200);
      assert.match(String(response.headers.get('content-type')), /^application\/json/);
      const document = (await response.json()) as Record<string, unknown>;
      const issuer = `${server.url}${server.userPoolId}`;
      assert.equal(document.issuer, issuer);
      assert.equal(document.jwks_uri, `${issuer}/.well-known/jwks.json`);
      assert.deepEqual(document.id_token_signing_alg_values_supported, ['RS256']);
      assert.deepEqual(document.subject_types_supported, ['public']);
    });

    it('serves two public keys, one for ID and one for access tokens, and nothing private', async () => {
      const response = await fetch(new URL(`${server.userPoolId}/.well-known/jwks.json`, server.url));
      assert.equal(response.status, 200);
      const { keys } = (await response.json()) as { keys: Array<Record<string, string>> };
      assert.equal(keys.length, 2);
      assert.notEqual(keys[0]!.kid, keys[1]!.kid);
      for (const key of keys) {
        assert.equal(key.kty, 'RSA');
        assert.equal(key.alg, 'RS256');
        assert.equal(key.use, 'sig');
        assert.ok(key.kid);
        for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[secret], undefined, secret);
      }
    });

    it('answers 404 for the documents of another pool', async () => {
      const response = await fetch(new URL('local_otherpool/.well-known/openid-configuration', server.url));
      assert.equal(response.status, 404);
    });
  });

  describe('when the pool signs in with email', () => {
    it('answers with the generated UUID username, whatever letter case the email was typed in', async () => {
      const usernames = [];
      for (const typed of ['alice@example.com', 'ALICE@Example.COM']) {
        const response = await call('InitiateAuth', {
          AuthFlow: 'CUSTOM_AUTH',
          ClientId: server.clientId,
          AuthParameters: { USERNAME: typed },
        });
        usernames.push((response.body as { ChallengeParameters: { USERNAME: string } }).ChallengeParameters.USERNAME);
      }
      assert.match(usernames[0]!, UUID);
      assert.equal(usernames[1], usernames[0]);
    });
  });

  describe('when nothing secret should leak', () => {
    it('keeps the code out of the challenge and answers an unknown user like a known one', async () => {
      await clearDevLogs(server.url);
      const challenge = await initiateAlice();
      const [message] = await fetchMessages(server.url);
      assert.ok(!JSON.stringify(challenge.body).includes(message!.code));
      const stranger = await call('InitiateAuth', {
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: server.clientId,
        AuthParameters: { USERNAME: 'nobody@example.com' },
      });
      assert.equal(stranger.status, challenge.status);
      assert.deepEqual(Object.keys(stranger.body as object), Object.keys(challenge.body as object));
      const usernameOf = (response: RawResponse) =>
        (response.body as { ChallengeParameters: { USERNAME: string } }).ChallengeParameters.USERNAME;
      assert.match(usernameOf(stranger), UUID, 'an unknown user gets a UUID username too');
      const again = await call('InitiateAuth', {
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: server.clientId,
        AuthParameters: { USERNAME: 'NOBODY@example.com' },
      });
      assert.equal(usernameOf(again), usernameOf(stranger), 'and the same one every time, as a real user would');
    });
  });
});
