import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLinkConfig } from '../../../backend/triggers/link-config.ts';
import { createHmacLinkSigner, signLinkToken } from '../../../backend/triggers/link-token.ts';
import { LINK_ONLY_METADATA } from '../../../backend/triggers/sign-in-links.ts';
import { NOW, alice, stranger } from './fixtures.ts';
import { PAGE, tokenOf, useLinkBackends } from './links-fixture.ts';

const backend = useLinkBackends();
const rejected = { message: 'LinkRejected' };

describe('Sign-in links', () => {
  describe('the email', () => {
    it('carries the code and a link to the configured page whose fragment is the token', async () => {
      const { email } = await backend();
      const { message, response } = await email();
      assert.ok(message?.link, 'a link is emailed');
      assert.ok(message.link.startsWith(`${PAGE}#cal1.`), message.link);
      assert.equal(message.code, response.privateChallengeParameters.code);
    });

    it('holds no link when no page is configured for the app client', async () => {
      const { email } = await backend({ LINK_PAGES: '' });
      assert.equal((await email()).message?.link, undefined);
    });

    it('points to the page of the app client when it has its own', async () => {
      const { email } = await backend({ LINK_PAGES: `${PAGE}, testclient=https://other.example/login` });
      assert.ok((await email()).message?.link?.startsWith('https://other.example/login#cal1.'));
    });

    it('is not written for a user who does not exist', async () => {
      const { email, sent } = await backend();
      await email(stranger);
      assert.equal(sent.length, 0);
    });
  });

  describe('the link as an answer to the live challenge (the tab that asked)', () => {
    it('signs in once; the same link a second time is wrong', async () => {
      const { email, answer } = await backend();
      const token = tokenOf((await email()).message?.link);
      assert.equal(await answer(token), true);
      assert.equal(await answer(token), false);
    });

    it('is refused once its lifetime has passed, independent of the code lifetime', async () => {
      const { email, answer, advance } = await backend({ LINK_LIFETIME_SECONDS: '600' });
      const token = tokenOf((await email()).message?.link);
      advance(600_000);
      assert.equal(await answer(token), false);
    });

    it('still holds after the code has expired', async () => {
      const { email, answer, advance } = await backend({ LINK_LIFETIME_SECONDS: '600' });
      const token = tokenOf((await email()).message?.link);
      advance(599_000);
      assert.equal(await answer(token), true);
    });

    it('is refused when tampered with', async () => {
      const { email, answer } = await backend();
      const token = tokenOf((await email()).message?.link);
      const [prefix, claims, signature] = token.split('.') as [string, string, string];
      const changed = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
      changed.exp = (changed.exp as number) + 3600;
      const forged = `${prefix}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
      assert.equal(await answer(forged), false);
      assert.equal(await answer(`${token.slice(0, -2)}AA`), false);
    });

    it('is refused when signed by another key, for another user, client or pool', async () => {
      const { email, answer } = await backend();
      const token = tokenOf((await email()).message?.link);
      const other = await backend();
      assert.equal(await other.answer(token), false, 'another deployment');
      assert.equal(
        await answer(token, { ...alice, userName: 'someone-else', userAttributes: { ...alice.userAttributes } }),
        false,
      );
      assert.equal(await answer(token, { ...alice, clientId: 'otherclient' }), false);
      assert.equal(await answer(token, { ...alice, userPoolId: 'local_otherpool' }), false);
      assert.equal(await answer(token), true, 'the refusals did not use it up');
    });

    it('is voided by a newer email: only the latest link works', async () => {
      const { email, answer } = await backend();
      const older = tokenOf((await email()).message?.link);
      const newer = tokenOf((await email()).message?.link);
      assert.equal(await answer(older), false);
      assert.equal(await answer(newer), true);
    });

    it('leaves the code of the same email working', async () => {
      const { email, answer } = await backend();
      const { response } = await email();
      assert.equal(
        await answer(response.privateChallengeParameters.code!, alice, response.privateChallengeParameters),
        true,
      );
    });

    it('counts against the wrong-answer limit like a code', async () => {
      const { answer, email } = await backend({ FAILURES_PER_HOUR: '2' });
      const token = tokenOf((await email()).message?.link);
      assert.equal(await answer(`${token}x`), false);
      assert.equal(await answer(`${token}y`), false);
      await assert.rejects(answer(token), /TooManyAttempts/);
    });
  });

  describe('a sign-in started by the link (another tab or device)', () => {
    it('waits for the link without emailing anything, and accepts it', async () => {
      const { email, startWith, round, answer, sent } = await backend();
      const token = tokenOf((await email()).message?.link);
      await startWith(token);
      const first = await round([]);
      assert.equal(sent.length, 1, 'no second email');
      assert.equal(first.challengeMetadata, LINK_ONLY_METADATA);
      assert.equal(first.privateChallengeParameters.code, undefined);
      assert.equal(await answer(token, alice, first.privateChallengeParameters), true);
    });

    it('keeps waiting for the link in its retry rounds, still without emailing', async () => {
      const { email, startWith, round, sent } = await backend();
      const token = tokenOf((await email()).message?.link);
      await startWith(token);
      await round([]);
      const retry = await round([
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: LINK_ONLY_METADATA },
      ]);
      assert.equal(retry.challengeMetadata, LINK_ONLY_METADATA);
      assert.equal(sent.length, 1);
    });

    it('is refused before anything is sent when the link is used, expired, tampered or foreign', async () => {
      const { email, startWith, answer, advance, sent } = await backend({ LINK_LIFETIME_SECONDS: '600' });
      const used = tokenOf((await email()).message?.link);
      assert.equal(await answer(used), true);
      await assert.rejects(startWith(used), rejected);
      const fresh = tokenOf((await email()).message?.link);
      await assert.rejects(startWith(`${fresh}x`), rejected);
      await assert.rejects(startWith(fresh, { ...alice, clientId: 'otherclient' }), rejected);
      await assert.rejects(startWith(fresh, stranger), rejected);
      await assert.rejects(startWith('not a token'), rejected);
      advance(600_000);
      await assert.rejects(startWith(fresh), rejected);
      assert.equal(sent.length, 2);
    });

    it('leaves a sign-in without a link untouched: its Create emails a code', async () => {
      const { startWith, round, sent } = await backend();
      await startWith(undefined);
      const first = await round([]);
      assert.equal(sent.length, 1);
      assert.notEqual(first.challengeMetadata, LINK_ONLY_METADATA);
    });

    it('claims once: a later sign-in of the same user gets its email again', async () => {
      const { email, startWith, round, sent } = await backend();
      const token = tokenOf((await email()).message?.link);
      await startWith(token);
      await round([]);
      await round([]);
      assert.equal(sent.length, 2);
    });
  });

  describe('tokens', () => {
    it('from a signer with the same claims but another key do not verify', async () => {
      const { answer } = await backend();
      const foreign = await signLinkToken(
        { u: alice.userName, p: alice.userPoolId, c: alice.clientId, iat: NOW / 1000, exp: NOW / 1000 + 900, id: 'x' },
        createHmacLinkSigner(),
      );
      assert.equal(await answer(foreign), false);
    });
  });

  describe('settings', () => {
    it('default to a 15-minute lifetime and no page', () => {
      assert.deepEqual(readLinkConfig({}), { defaultPage: undefined, clientPages: new Map(), lifetimeSeconds: 900 });
    });

    it('refuse pages over plain http (other than localhost), with a fragment, or not absolute', () => {
      for (const LINK_PAGES of [
        'http://app.example/',
        'https://app.example/#x',
        '/sign-in',
        'https://u:p@app.example/',
      ]) {
        assert.throws(() => readLinkConfig({ LINK_PAGES }), /LINK_PAGES/, LINK_PAGES);
      }
      assert.equal(
        readLinkConfig({ LINK_PAGES: 'http://localhost:8000/demo/' }).defaultPage,
        'http://localhost:8000/demo/',
      );
    });

    it('refuse a lifetime under two seconds or over a day', () => {
      for (const value of ['1', '86401', 'soon']) {
        assert.throws(() => readLinkConfig({ LINK_LIFETIME_SECONDS: value }), /LINK_LIFETIME_SECONDS/);
      }
    });
  });
});
