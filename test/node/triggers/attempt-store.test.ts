// The limits store against a real DynamoDB-compatible server (dynalite, in memory): the same client calls the
// Lambda makes, including the conditional writes that make concurrent triggers agree.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createLimitsTable, startLocalDynamo } from '../../../backend/local-cognito/local-dynamo.ts';
import type { AttemptLimits } from '../../../backend/triggers/attempt-policy.ts';
import { createAttemptStore, identityKey } from '../../../backend/triggers/attempt-store.ts';
import { NOW } from './fixtures.ts';

const DEFAULTS: AttemptLimits = {
  sendGapSeconds: 30,
  sendsPer15Minutes: 5,
  sendsPerDay: 20,
  failuresPerHour: 10,
  lockSeconds: 900,
};

describe('attempt store (DynamoDB)', async () => {
  const dynamo = await startLocalDynamo('unused');
  after(() => dynamo.close());
  let tables = 0;
  async function store(limits: Partial<AttemptLimits> = {}) {
    let clock = NOW;
    const tableName = `store-${++tables}`;
    await createLimitsTable(dynamo.client, tableName);
    return {
      tableName,
      store: createAttemptStore({
        client: dynamo.client,
        tableName,
        limits: { ...DEFAULTS, ...limits },
        now: () => clock,
      }),
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  it('lets exactly the 15-minute cap (5) of 20 concurrent sends through for one identity', async () => {
    const { store: limits } = await store({ sendGapSeconds: 0 });
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => limits.beforeSend('sub:alice')));
    assert.equal(verdicts.filter((verdict) => verdict.allowed).length, 5);
  });

  it('lets 25 concurrent answers be compared at most ten times', async () => {
    const { store: limits } = await store();
    const verdicts = await Promise.all(Array.from({ length: 25 }, () => limits.beforeAnswer('sub:alice')));
    assert.ok(verdicts.filter((verdict) => verdict.allowed).length <= 10);
  });

  it('keys items by a hash, so the table holds no typed names or addresses', async () => {
    const { store: limits, tableName } = await store();
    await limits.beforeSend('name:nobody@example.org');
    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    assert.equal(Items.length, 1);
    assert.equal(Items[0]!.pk!.S, identityKey('name:nobody@example.org'));
    assert.ok(!JSON.stringify(Items).includes('nobody'));
  });

  it('sets the TTL attribute to when nothing in the item matters any more', async () => {
    const { store: limits, tableName } = await store();
    await limits.beforeSend('sub:alice');
    const { Item } = await dynamo.client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: identityKey('sub:alice') } } }),
    );
    assert.equal(Number(Item!.expiresAt!.N), Math.ceil((NOW + 24 * 3600_000) / 1000));
  });

  it('keeps identities apart', async () => {
    const { store: limits } = await store();
    assert.equal((await limits.beforeSend('sub:alice')).allowed, true);
    assert.equal((await limits.beforeSend('sub:bob')).allowed, true);
    assert.equal((await limits.beforeSend('sub:alice')).allowed, false);
  });

  it('refuses sends while the identity is locked by wrong answers', async () => {
    const { store: limits, advance } = await store();
    for (let i = 0; i < 11; i++) await limits.beforeAnswer('sub:alice');
    advance(60_000);
    assert.deepEqual(await limits.beforeSend('sub:alice'), { allowed: false, retryAt: NOW + 900_000 });
  });

  it('caps a day at 20 sends', async () => {
    const { store: limits, advance } = await store();
    let allowed = 0;
    for (let minute = 0; minute < 24 * 60; minute += 1) {
      if ((await limits.beforeSend('sub:alice')).allowed) allowed++;
      advance(60_000);
    }
    assert.equal(allowed, 20);
  });
});
