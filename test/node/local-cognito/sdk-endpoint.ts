/**
 * The setup the AWS SDK specs share: a local endpoint on a free port with limits loose enough to sign the same
 * users in many times, and an SDK client pointed at it, both started before the enclosing suite and closed
 * after it.
 */
import { after, before } from 'node:test';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  RELAXED_LIMITS_ENV,
  start,
  type LocalCognito,
  type StartOptions,
} from '../../../backend/local-cognito/server.ts';

/** Filled in once the suite's `before` has run. */
export interface SdkEndpoint {
  server: LocalCognito;
  client: CognitoIdentityProviderClient;
}

/** Options of {@link sdkEndpoint}: the endpoint's, and how many tries the client makes (the SDK default is 3). */
export interface SdkEndpointOptions extends StartOptions {
  readonly maxAttempts?: number;
}

/** Starts the endpoint (`options.triggerEnv` over the relaxed limits) and a client, for the enclosing suite. */
export function sdkEndpoint({ maxAttempts, ...options }: SdkEndpointOptions): SdkEndpoint {
  const context = {} as SdkEndpoint;
  before(async () => {
    context.server = await start({
      port: 0,
      log: () => {},
      ...options,
      triggerEnv: { ...RELAXED_LIMITS_ENV, ...options.triggerEnv },
    });
    context.client = new CognitoIdentityProviderClient({
      endpoint: context.server.url,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
    });
  });
  after(async () => {
    context.client.destroy();
    await context.server.close();
  });
  return context;
}
