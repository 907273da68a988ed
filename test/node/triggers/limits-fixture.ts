/**
 * The cross-session limits for trigger tests: a real DynamoDB-compatible server (dynalite, in memory) started
 * once per test file, and a fresh table per handler so tests never share counts.
 */
import { after, before } from 'node:test';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createLimitsTable, startLocalDynamo, type LocalDynamo } from '../../../backend/local-cognito/local-dynamo.ts';
import { createAttemptStore, type AttemptStore } from '../../../backend/triggers/attempt-store.ts';
import type { TriggerConfig } from '../../../backend/triggers/trigger-config.ts';

/** Limits loose enough that tests about something else never meet them. */
export { RELAXED_LIMITS_ENV as RELAXED_LIMITS } from '../../../backend/local-cognito/server.ts';

/** Registers the server's start and stop with the current test file; call at the top level. */
export function useLimitsTables() {
  let dynamo: LocalDynamo | undefined;
  let tables = 0;
  before(async () => {
    dynamo = await startLocalDynamo();
  });
  after(() => dynamo?.close());
  return {
    /** The server's URL. */
    endpoint: () => dynamo!.endpoint,
    /** Creates a table shaped as the stack's. */
    createTable: (tableName: string) => createLimitsTable(dynamo!.client, tableName),
    /** How many items a table holds. */
    async itemCount(tableName: string): Promise<number> {
      return (await dynamo!.client.send(new ScanCommand({ TableName: tableName }))).Count ?? 0;
    },
    /** A fresh, empty table and the `attempts` option of a handler that uses it on the given clock. */
    async fresh(now: () => number): Promise<(config: TriggerConfig) => AttemptStore> {
      const { client } = dynamo!;
      const tableName = `limits-${++tables}`;
      await createLimitsTable(client, tableName);
      return (config) => createAttemptStore({ client, tableName, limits: config.limits, now });
    },
  };
}
