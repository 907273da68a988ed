import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UserLambdaValidationException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import { fetchMessages, latestLink } from '../../../backend/local-cognito/dev-client.ts';
import { RELAXED_LIMITS_ENV, start, type LocalCognito } from '../../../backend/local-cognito/server.ts';
import { createDefineAuthChallengeHandler } from '../../../backend/triggers/define-auth-challenge.ts';

const ALICE = 'alice@example.com';
const PAGE = 'http://localhost:8000/demo/';

describe('Local endpoint: sign-in links through the AWS SDK', () => {
  let server: LocalCognito;
  let client: CognitoIdentityProviderClient;
  /** What Define and Create were handed as ClientMetadata, call by call. */
  const metadataSeen: unknown[] = [];

  before(async () => {
    const env = { ...RELAXED_LIMITS_ENV, LINK_PAGES: PAGE, CREATE_MIN_DURATION_MS: '0' };
    const define = createDefineAuthChallengeHandler({ env });
    server = await start({
      port: 0,
      users: [{ email: ALICE }],
      log: () => {},
      triggerEnv: env,
      triggers: {
        define: async (event: DefineAuthChallengeTriggerEvent) => {
          metadataSeen.push(event.request.clientMetadata);
          return define(event);
        },
      },
    });
    client = new CognitoIdentityProviderClient({
      endpoint: server.url,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  const initiate = (username: string, metadata?: Record<string, string>) =>
    client.send(
      new InitiateAuthCommand({
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: server.clientId,
        AuthParameters: { USERNAME: username },
        ...(metadata ? { ClientMetadata: metadata } : {}),
      }),
    );
  const respond = (session: string | undefined, username: string, answer: string) =>
    client.send(
      new RespondToAuthChallengeCommand({
        ClientId: server.clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: session,
        ChallengeResponses: { USERNAME: username, ANSWER: answer },
      }),
    );
  const tokenOf = (link: string) => new URL(link).hash.slice(1);

  it('lists the link beside the code in the development inbox, to the configured page', async () => {
    await initiate(ALICE);
    const message = (await fetchMessages(server.url)).at(-1)!;
    assert.match(message.code, /^\d{6}$/);
    assert.ok(message.link?.startsWith(`${PAGE}#cal1.`), message.link);
  });

  it('answers the live challenge with the link: tokens in two requests', async () => {
    const challenge = await initiate(ALICE);
    const token = tokenOf(await latestLink(server.url, ALICE));
    const username = challenge.ChallengeParameters!.USERNAME!;
    const answer = await respond(challenge.Session, username, token);
    assert.ok(answer.AuthenticationResult?.IdToken);
  });

  it('starts a fresh sign-in with the link as ClientMetadata: no new email, the link answers, tokens', async () => {
    await initiate(ALICE);
    const link = await latestLink(server.url, ALICE);
    const sentBefore = (await fetchMessages(server.url)).length;
    const username = (JSON.parse(Buffer.from(tokenOf(link).split('.')[1]!, 'base64url').toString()) as { u: string }).u;
    const challenge = await initiate(username, { signInLink: tokenOf(link) });
    assert.equal(challenge.ChallengeParameters?.deliveryMedium, 'LINK');
    assert.equal((await fetchMessages(server.url)).length, sentBefore, 'nothing emailed');
    const answer = await respond(challenge.Session, username, tokenOf(link));
    assert.ok(answer.AuthenticationResult?.AccessToken);

    const again = initiate(username, { signInLink: tokenOf(link) });
    await assert.rejects(again, (error: Error) => {
      assert.ok(error instanceof UserLambdaValidationException, error.name);
      assert.match(error.message, /^PreAuthentication failed with error LinkRejected\.$/);
      return true;
    });
    assert.equal((await fetchMessages(server.url)).length, sentBefore, 'still nothing emailed');
  });

  it('hands InitiateAuth ClientMetadata to no Define call, as Cognito does', async () => {
    metadataSeen.length = 0;
    await initiate(ALICE, { anything: 'x' });
    assert.deepEqual(metadataSeen, [undefined]);
  });
});
