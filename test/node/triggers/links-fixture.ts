/**
 * The three triggers that take part in a link sign-in (Create, Verify, Pre authentication), built per test on a
 * fresh table of a real DynamoDB-compatible server, as one deployment's Lambdas share the stack's table and key.
 */
import { after } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAttemptStore } from '../../../backend/triggers/attempt-store.ts';
import type { ChallengeHistoryEntry } from '../../../backend/triggers/challenge-history.ts';
import type { CodeMessage } from '../../../backend/triggers/code-sender.ts';
import { createCreateAuthChallengeHandler } from '../../../backend/triggers/create-auth-challenge.ts';
import { createLinkStore } from '../../../backend/triggers/link-store.ts';
import { createHmacLinkSigner, type LinkSigner } from '../../../backend/triggers/link-token.ts';
import { createPreAuthenticationHandler, LINK_METADATA_KEY } from '../../../backend/triggers/pre-authentication.ts';
import type { SignInLinks } from '../../../backend/triggers/sign-in-links.ts';
import {
  createAuthChallengeEvent,
  preAuthenticationEvent,
  verifyAuthChallengeResponseEvent,
  type TriggerContext,
} from '../../../backend/triggers/trigger-events.ts';
import { createVerifyAuthChallengeResponseHandler } from '../../../backend/triggers/verify-auth-challenge-response.ts';
import { NOW, alice } from './fixtures.ts';
import { RELAXED_LIMITS, useLimitsTables } from './limits-fixture.ts';

/** The page links point to unless a test configures others. */
export const PAGE = 'https://app.example/sign-in';

/** What a test may change about its backend. */
export interface LinkBackendOptions {
  /** Signs and checks the links; a fresh HMAC key by default. */
  readonly signer?: LinkSigner;
  /** Receives Create's log lines. */
  readonly log?: (line: string) => void;
}

/** The token of an emailed link. */
export const tokenOf = (link: string | undefined) => new URL(link!).hash.slice(1);

/** Registers the table server with the current test file (call at the top level); returns the backend builder. */
export function useLinkBackends() {
  const limitsTables = useLimitsTables();
  let tables = 0;
  let client: DynamoDBClient | undefined;
  after(() => client?.destroy());

  return async function backend(env: Record<string, string> = {}, options: LinkBackendOptions = {}) {
    client ??= new DynamoDBClient({
      endpoint: limitsTables.endpoint(),
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tableName = `links-${++tables}`;
    await limitsTables.createTable(tableName);
    let clock = NOW;
    const now = () => clock;
    const { signer = createHmacLinkSigner(), log = () => {} } = options;
    const links: SignInLinks = { signer, store: () => createLinkStore({ client: client!, tableName, now }) };
    const attempts = (config: { limits: Parameters<typeof createAttemptStore>[0]['limits'] }) =>
      createAttemptStore({ client: client!, tableName, limits: config.limits, now });
    const fullEnv = { CREATE_MIN_DURATION_MS: '0', ...RELAXED_LIMITS, LINK_PAGES: PAGE, ...env };
    const sent: CodeMessage[] = [];
    const create = createCreateAuthChallengeHandler({
      sender: { send: async (message) => void sent.push(message) },
      attempts,
      env: fullEnv,
      now,
      links,
      sleep: async () => {},
      log,
    });
    const verify = createVerifyAuthChallengeResponseHandler({ attempts, env: fullEnv, now, links });
    const preAuth = createPreAuthenticationHandler({ links, env: fullEnv, now });
    return {
      sent,
      signer,
      advance: (ms: number) => {
        clock += ms;
      },
      /** A first round: emails a code and a link. */
      async email(context: TriggerContext = alice) {
        const { response } = await create(createAuthChallengeEvent(context, []));
        return { response, message: sent.at(-1) };
      },
      async round(session: ChallengeHistoryEntry[], context: TriggerContext = alice) {
        return (await create(createAuthChallengeEvent(context, session))).response;
      },
      async answer(answer: string, context: TriggerContext = alice, privateParameters: Record<string, string> = {}) {
        return (await verify(verifyAuthChallengeResponseEvent(context, privateParameters, answer))).response
          .answerCorrect;
      },
      async startWith(token: string | undefined, context: TriggerContext = alice) {
        await preAuth(
          preAuthenticationEvent(context, token === undefined ? undefined : { [LINK_METADATA_KEY]: token }),
        );
      },
    };
  };
}
