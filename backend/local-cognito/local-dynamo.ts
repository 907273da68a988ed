import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

/** dynalite's options as used here; it ships no types, so the one function it exports is typed at its use. */
interface DynaliteOptions {
  /** How long a new table stays CREATING, in milliseconds (default 500). */
  readonly createTableMs?: number;
  readonly deleteTableMs?: number;
  readonly updateTableMs?: number;
}
const dynalite = createRequire(import.meta.url)('dynalite') as (options?: DynaliteOptions) => Server;

/** A DynamoDB-compatible server in this process, holding the limits table. */
export interface LocalDynamo {
  /** A client pointed at it (fixed dummy credentials; dynalite does not check them). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** The table name the local endpoint uses. */
export const LOCAL_LIMITS_TABLE = 'custom-auth-login-limits';

/**
 * Starts dynalite in memory on a free loopback port and creates the limits table with the key the stack
 * creates (`pk`, string), so the triggers run the very same DynamoDB calls they make in Lambda.
 */
export async function startLocalDynamo(tableName = LOCAL_LIMITS_TABLE): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The SDK warns on Node 20 that its 2027 releases will need Node 22. This project supports Node 20 and
  // the client here only talks to loopback, so the warning would only bury the endpoint's own output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // A refused local connection is a bug to see at once, not to retry for seconds.
    maxAttempts: 2,
  });
  await createLimitsTable(client, tableName);
  return {
    client,
    tableName,
    endpoint,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error?: Error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Creates a limits table shaped as the stack's: partition key `pk` (string), on demand. */
export async function createLimitsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}
