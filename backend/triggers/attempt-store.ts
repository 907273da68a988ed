import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  EMPTY_RECORD,
  decideSend,
  forgettableAt,
  decideAnswer,
  recordSuccess,
  type AttemptLimits,
  type AttemptRecord,
  type AttemptVerdict,
} from './attempt-policy.ts';

/** The part of the DynamoDB client the store uses. */
export interface DynamoSendClient {
  send(command: GetItemCommand | PutItemCommand): Promise<{ Item?: Record<string, AttributeValue> } | object>;
}

/** Options of {@link createAttemptStore}. */
export interface AttemptStoreOptions {
  readonly client: DynamoSendClient;
  /** The table: partition key `pk` (string), TTL attribute `expiresAt` (epoch seconds). */
  readonly tableName: string;
  readonly limits: AttemptLimits;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/**
 * The cross-session limits of one sign-in identity, shared by every trigger instance through DynamoDB.
 * Each change reads the record and writes it back on condition that nobody else wrote in between
 * (a version number), retrying on a conflict, so concurrent Lambdas never both spend the last allowance.
 */
export interface AttemptStore {
  /** Counts a code about to be sent, or refuses it (lock, gap, or a window's cap). */
  beforeSend(identity: string): Promise<AttemptVerdict>;
  /**
   * Counts an answer as wrong before it is compared, or refuses it (without comparing it) while the identity is
   * locked or has used up its hourly wrong answers, which locks it. Counting first means no answer is ever
   * compared without being counted, even when many arrive at once.
   */
  beforeAnswer(identity: string): Promise<AttemptVerdict>;
  /** Takes back the wrong answers after a correct one. */
  afterCorrectAnswer(identity: string): Promise<void>;
  /**
   * Remembers that someone signed up with `address` (Pre Sign-up), so that the first codes of that account may go
   * to the address before it is verified: the code is what proves it. Kept until the table is emptied by hand,
   * so an account left unproved can still be claimed by whoever owns the address.
   */
  recordSignUp(address: string): Promise<void>;
  /** Whether someone signed up with `address` (in any letter case). */
  wasSignedUp(address: string): Promise<boolean>;
}

// A handful of conflicting writers is normal under attack; beyond that the identity is clearly being hammered.
const MAX_TRIES = 5;

/**
 * The table key of an identity: a hash, so the table holds no addresses, not even the ones typed for
 * accounts that do not exist.
 */
/**
 * Whether a conditional write lost to another one (its condition no longer held). Also by name: a client from
 * another copy of the SDK throws an error of another class.
 */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException || (error as Error)?.name === 'ConditionalCheckFailedException'
  );
}

export function identityKey(identity: string): string {
  return createHash('sha256').update(`custom-auth-login:${identity}`, 'utf8').digest('base64url');
}

/** Builds the store. Refusals are verdicts; only database errors throw. */
export function createAttemptStore({ client, tableName, limits, now = Date.now }: AttemptStoreOptions): AttemptStore {
  async function read(pk: string): Promise<{ record: AttemptRecord; version: number }> {
    const result = (await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk } }, ConsistentRead: true }),
    )) as { Item?: Record<string, AttributeValue> };
    const item = result.Item;
    if (!item?.state?.S || !item.version?.N) return { record: EMPTY_RECORD, version: 0 };
    return { record: parseRecord(item.state.S), version: Number(item.version.N) };
  }

  async function write(pk: string, record: AttemptRecord, version: number): Promise<boolean> {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: pk },
            state: { S: JSON.stringify(record) },
            version: { N: String(version + 1) },
            expiresAt: { N: String(Math.ceil(forgettableAt(record) / 1000)) },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR version = :version',
          ExpressionAttributeValues: { ':version': { N: String(version) } },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Applies `change` atomically; `undefined` from `change` means "nothing to write". */
  async function update<T>(
    identity: string,
    change: (record: AttemptRecord, at: number) => { result: T; record?: AttemptRecord },
    contended: (at: number) => T,
  ): Promise<T> {
    const pk = identityKey(identity);
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const { record, version } = await read(pk);
      const { result, record: next } = change(record, now());
      if (!next || (await write(pk, next, version))) return result;
    }
    return contended(now());
  }

  const refuseBriefly = (at: number): AttemptVerdict => ({
    allowed: false,
    retryAt: at + limits.sendGapSeconds * 1000,
  });

  const signUpKey = (address: string) => identityKey(`sign-up:${address.trim().toLowerCase()}`);

  return {
    recordSignUp: async (address) => {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: signUpKey(address) }, signedUpAt: { N: String(now()) } },
        }),
      );
    },
    wasSignedUp: async (address) => {
      const result = (await client.send(
        new GetItemCommand({ TableName: tableName, Key: { pk: { S: signUpKey(address) } }, ConsistentRead: true }),
      )) as { Item?: Record<string, AttributeValue> };
      return result.Item?.signedUpAt?.N !== undefined;
    },
    beforeSend: (identity) =>
      update(
        identity,
        (record, at) => {
          const { verdict, record: next } = decideSend(record, at, limits);
          return { result: verdict, ...(verdict.allowed ? { record: next } : {}) };
        },
        // Writers keep colliding on one identity only when it is flooded: refusing is the safe answer.
        refuseBriefly,
      ),
    beforeAnswer: (identity) =>
      update(
        identity,
        (record, at) => {
          const { verdict, record: next } = decideAnswer(record, at, limits);
          return { result: verdict, ...(next !== record ? { record: next } : {}) };
        },
        refuseBriefly,
      ),
    afterCorrectAnswer: (identity) =>
      update(
        identity,
        (record) => ({ result: undefined, ...(record.failures.length > 0 ? { record: recordSuccess(record) } : {}) }),
        // Losing this write only leaves a few wrong answers counted for an hour: the safe side.
        () => undefined,
      ),
  };
}

/** A store on a DynamoDB table, with a client for the Lambda's own region and credentials unless given one. */
export function createDynamoAttemptStore(options: Omit<AttemptStoreOptions, 'client'> & { client?: DynamoSendClient }) {
  return createAttemptStore({ ...options, client: options.client ?? new DynamoDBClient({}) });
}

/**
 * The store the Lambda entry points use: the `LIMITS_TABLE` table through the Lambda's own credentials,
 * one client per warm instance, rebuilt only if the table or limits change between invocations.
 */
export function attemptsFromConfig(): (config: {
  readonly limitsTable: string | undefined;
  readonly limits: AttemptLimits;
}) => AttemptStore {
  let cached: { key: string; store: AttemptStore } | undefined;
  return ({ limitsTable, limits }) => {
    if (!limitsTable) throw new Error('LIMITS_TABLE is not set: the sign-in limits have no table');
    const key = JSON.stringify([limitsTable, limits]);
    if (cached?.key !== key) cached = { key, store: createDynamoAttemptStore({ tableName: limitsTable, limits }) };
    return cached.store;
  };
}

function parseRecord(text: string): AttemptRecord {
  const value = JSON.parse(text) as Partial<AttemptRecord>;
  const times = (list: unknown) => (Array.isArray(list) ? list.filter((at) => typeof at === 'number') : []);
  return {
    sends: times(value.sends),
    failures: times(value.failures),
    lockedUntil: typeof value.lockedUntil === 'number' ? value.lockedUntil : 0,
    lockouts: typeof value.lockouts === 'number' ? value.lockouts : 0,
  };
}
