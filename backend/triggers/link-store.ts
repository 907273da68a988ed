import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { identityKey, isConditionFailure } from './attempt-store.ts';

/** The part of the DynamoDB client the link store uses. */
export interface LinkStoreClient {
  send(command: PutItemCommand | UpdateItemCommand): Promise<object>;
}

/**
 * The one outstanding sign-in link of each identity, in the limiter's table (an item of its own per identity,
 * keyed apart from the limits). Every change is a single conditional write, so two Lambdas can never both use
 * one link, nor use one that a newer email replaced.
 */
export interface LinkStore {
  /** Records a newly emailed link, replacing (and so voiding) the identity's previous one. */
  issue(identity: string, linkId: string, expiresAt: number): Promise<void>;
  /**
   * Notes that a sign-in started for this link (Pre authentication, which alone sees the client's metadata at
   * the start), so the Create that follows asks for the link instead of emailing a code. False when the link is
   * not the outstanding one, is used, or has expired.
   */
  claim(identity: string, linkId: string): Promise<boolean>;
  /** Takes a claim made within the last minute: true once per claim. */
  takeClaim(identity: string): Promise<boolean>;
  /** Marks the link used: true only for the outstanding, unused, unexpired link, and only once. */
  consume(identity: string, linkId: string): Promise<boolean>;
}

/** How long a claim waits for its Create: the two run within one InitiateAuth call. */
const CLAIM_MS = 60_000;

/** Options of {@link createLinkStore}. */
export interface LinkStoreOptions {
  readonly client: LinkStoreClient;
  /** The limiter's table (`LIMITS_TABLE`): partition key `pk`, TTL attribute `expiresAt`. */
  readonly tableName: string;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The table key of an identity's link item: hashed as the limits are, and apart from them. */
export function linkKey(identity: string): string {
  return `link#${identityKey(identity)}`;
}

export function createLinkStore({ client, tableName, now = Date.now }: LinkStoreOptions): LinkStore {
  /** One conditional update; false when its condition does not hold. */
  async function update(
    identity: string,
    expression: string,
    condition: string,
    values: Record<string, { S: string } | { N: string }>,
  ): Promise<boolean> {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: linkKey(identity) } },
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  const live = 'linkId = :id AND attribute_not_exists(usedAt) AND linkExpiresAt > :now';

  return {
    async issue(identity, linkId, expiresAt) {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: linkKey(identity) },
            linkId: { S: linkId },
            linkExpiresAt: { N: String(expiresAt) },
            // Kept a day past its expiry, so a late click is refused as used or expired rather than unknown.
            expiresAt: { N: String(Math.ceil(expiresAt / 1000) + 86_400) },
          },
        }),
      );
    },
    claim: (identity, linkId) =>
      update(identity, 'SET claimUntil = :until', live, {
        ':id': { S: linkId },
        ':now': { N: String(now()) },
        ':until': { N: String(now() + CLAIM_MS) },
      }),
    takeClaim: (identity) =>
      update(identity, 'REMOVE claimUntil', 'claimUntil > :now', { ':now': { N: String(now()) } }),
    consume: (identity, linkId) =>
      update(identity, 'SET usedAt = :now REMOVE claimUntil', live, {
        ':id': { S: linkId },
        ':now': { N: String(now()) },
      }),
  };
}

/** A store on the Lambda's own table through its own credentials, one client per warm instance. */
export function linksFromConfig(): (config: { readonly limitsTable: string | undefined }) => LinkStore {
  let cached: { tableName: string; store: LinkStore } | undefined;
  return ({ limitsTable }) => {
    if (!limitsTable) throw new Error('LIMITS_TABLE is not set: sign-in links have no table');
    if (cached?.tableName !== limitsTable) {
      cached = {
        tableName: limitsTable,
        store: createLinkStore({ client: new DynamoDBClient({}), tableName: limitsTable }),
      };
    }
    return cached.store;
  };
}
