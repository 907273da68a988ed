/**
 * End to end, passwordless: the real element and the real Amplify sign in against the local endpoint, which
 * runs the project's own triggers. The code comes from the endpoint's development inbox.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  clearRequests,
  endToEndSuite,
  errorAfter,
  errorText,
  field,
  latestCode,
  operations,
  renderForEndpoint,
  signIn,
  stepAfter,
  submitCode,
  submitFirstForm,
  typeWithKeyboard,
  wrongCodeFor,
  type MochaSuite,
} from './support/e2e-fixture.js';

const alice = 'alice@example.com';

describe('end to end: signing in with a code (custom-without-srp)', function (this: MochaSuite) {
  const e2e = endToEndSuite(this);

  describe('accessibility', () => {
    it('is accessible on every step of a real sign-in', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
      await expect(el).to.be.accessible();

      await stepAfter(el, () => submitFirstForm(el, alice));
      await expect(el).to.be.accessible();

      await errorAfter(el, () => submitCode(el, '000000'));
      await expect(el).to.be.accessible();

      const signedIn = oneEvent(el, 'auth-signed-in');
      submitCode(el, await latestCode(e2e.endpoint, alice));
      await signedIn;
      await expect(el).to.be.accessible();
    });
  });

  describe('when a known user types the username, then the code from the inbox', () => {
    it('goes username → challenge → signed-in, firing each event once with its documented detail', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });

      await typeWithKeyboard(field(el, 'username-input'), alice);
      const challenge = await stepAfter(el, () => sendKeys({ press: 'Enter' }));
      expect(challenge).to.equal('challenge');
      expect(el.getAttribute('step')).to.equal('challenge');

      await typeWithKeyboard(field(el, 'code-input'), await latestCode(e2e.endpoint, alice));
      const signedIn = oneEvent(el, 'auth-signed-in');
      await sendKeys({ press: 'Enter' });
      await signedIn;

      expect(log.sequence()).to.deep.equal(['step:username', 'step:challenge', 'step:signed-in', 'auth-signed-in']);
      const [toUsername, toChallenge, toSignedIn, signedInEvent] = log.events;
      expect(toUsername!.detail).to.deep.equal({ step: 'username', previousStep: 'loading' });
      expect(toChallenge!.detail).to.deep.include({ step: 'challenge', previousStep: 'username' });
      const { challengeParameters } = toChallenge!.detail as { challengeParameters: Record<string, string> };
      expect(challengeParameters).to.include({
        deliveryMedium: 'EMAIL',
        destination: 'a***@e***.com',
        codeLength: '6',
        attemptsLeft: String(e2e.config.maxAttempts),
        USERNAME: alice,
      });
      expect(Number(challengeParameters.expiresAt)).to.be.greaterThan(Date.now());
      expect(toSignedIn!.detail).to.deep.equal({ step: 'signed-in', previousStep: 'challenge' });
      expect(signedInEvent!.detail).to.deep.include({ username: alice, restored: false });
      expect(el.getAttribute('step')).to.equal('signed-in');
    });

    it('sends exactly two Cognito requests: InitiateAuth, then RespondToAuthChallenge', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
      expect(await operations(e2e.endpoint)).to.deep.equal([], 'no request while looking for a stored session');

      await signIn(el, e2e.endpoint, { username: alice });

      expect(await operations(e2e.endpoint)).to.deep.equal(['InitiateAuth', 'RespondToAuthChallenge']);
    });

    it('holds tokens signed with the pool key, for the user the signed-in event named', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint });
      const signedIn = oneEvent(el, 'auth-signed-in');
      await signIn(el, e2e.endpoint, { username: alice });
      const { userId } = (await signedIn).detail;
      await clearRequests(e2e.endpoint);

      const tokens = await el.fetchTokens();

      expect(tokens).to.not.equal(null);
      const issuer = `${e2e.endpoint}${e2e.config.userPoolId}`;
      const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
      const { payload: id } = await jwtVerify(tokens!.idToken, keys, { issuer, audience: e2e.config.clientId });
      const { payload: access } = await jwtVerify(tokens!.accessToken, keys, { issuer });
      expect(id).to.include({ 'cognito:username': alice, email: alice, token_use: 'id', sub: userId });
      expect(access).to.include({ username: alice, client_id: e2e.config.clientId, token_use: 'access' });
      expect(tokens!.expiresAt).to.equal((access.exp ?? 0) * 1000);
      expect(await operations(e2e.endpoint)).to.deep.equal([], 'fresh tokens are read without a refresh');
    });
  });

  describe('when the first code is wrong', () => {
    it('stays on the challenge, says how many attempts are left, then accepts the right code', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });
      await stepAfter(el, () => submitFirstForm(el, alice));
      const code = await latestCode(e2e.endpoint, alice);

      const reported = await errorAfter(el, () => submitCode(el, wrongCodeFor(code)));

      expect(reported.step).to.equal('challenge');
      expect(el.step).to.equal('challenge');
      expect(log.steps()).to.deep.equal(['username', 'challenge'], 'a wrong code does not change the step');
      expect(errorText(el)).to.match(new RegExp(`\\b${e2e.config.maxAttempts - 1}\\b`));
      expect(field(el, 'code-input').value).to.equal('', 'the wrong code is cleared for the next try');
      expect(await latestCode(e2e.endpoint, alice)).to.equal(code, 'a retry keeps the code already sent');

      const signedIn = oneEvent(el, 'auth-signed-in');
      // Spaces around a pasted code are not part of it.
      submitCode(el, ` ${code} `);
      await signedIn;
      expect(await operations(e2e.endpoint)).to.deep.equal([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
      ]);
    });
  });
});
