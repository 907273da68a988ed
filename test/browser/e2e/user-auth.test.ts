/**
 * End to end, Cognito's own passwordless sign-in (`auth-flow="user-auth"`): the real element and the real Amplify
 * against the local endpoint's USER_AUTH, with Chromium's virtual authenticator (the DevTools protocol's WebAuthn
 * domain, see test/runner-support/virtual-authenticator-plugin.ts) standing in for the device's passkeys. Each
 * spec signs up a user of its own, so the passkeys one registers do not meet another's.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../../src/custom-auth-login.js';
import type { VirtualAuthenticatorCommand } from '../../runner-support/virtual-authenticator-plugin.js';
import {
  clearRequests,
  e2eConfig,
  endToEndSuite,
  errorText,
  latestCode,
  methodsOffered,
  newAddress,
  operations,
  part,
  partOf,
  pickMethod,
  renderForEndpoint,
  sentCodes,
  stepAfter,
  submitCode,
  submitFirstForm,
  type MochaSuite,
} from './support/e2e-fixture.js';

const authenticator = (command: VirtualAuthenticatorCommand) =>
  executeServerCommand<unknown, VirtualAuthenticatorCommand>('virtual-authenticator', command);

/** An account of its own on the endpoint, made with the SignUp call the pool takes (a password nobody uses). */
async function signUpUser(endpoint: string): Promise<string> {
  const { clientId } = await e2eConfig();
  const email = newAddress();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
    },
    body: JSON.stringify({
      ClientId: clientId,
      Username: email,
      Password: `Aa1!${crypto.randomUUID()}`,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  });
  if (!response.ok) throw new Error(`SignUp: HTTP ${response.status} ${await response.text()}`);
  return email;
}

/** The names of the passkeys the signed-in view lists, once nothing is loading. */
async function listedPasskeys(el: CustomAuthLogin): Promise<string[]> {
  await waitUntil(() => part(el, 'passkeys')?.getAttribute('aria-busy') === 'false', 'the passkeys keep loading');
  return [...partOf(el, 'passkey-list').querySelectorAll('li')].map((item) => item.textContent!.trim());
}

/** From the first form to signed in with the code the endpoint emailed. */
async function signInWithEmailCode(el: CustomAuthLogin, endpoint: string, email: string): Promise<void> {
  expect(await stepAfter(el, () => submitFirstForm(el, email))).to.equal('choose');
  expect(await stepAfter(el, () => pickMethod(el, 'EMAIL_OTP'))).to.equal('challenge');
  expect(await stepAfter(el, async () => submitCode(el, await latestCode(endpoint, email)))).to.equal('signed-in');
}

/** Adds a passkey from the signed-in view and waits until the list shows it. */
async function addPasskey(el: CustomAuthLogin): Promise<void> {
  const before = (await listedPasskeys(el)).length;
  partOf(el, 'add-passkey-button').click();
  await waitUntil(() => partOf(el, 'passkey-list').querySelectorAll('li').length > before, 'no passkey was added');
}

describe('end to end: auth-flow="user-auth" (email codes and passkeys)', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 30_000 });
  const render = (attributes: Record<string, string> = {}) =>
    renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'user-auth', attributes });

  beforeEach(() => authenticator({ action: 'add' }));
  afterEach(() => authenticator({ action: 'remove' }));

  describe('the choose step', () => {
    it('lists what the pool allows, one button per factor, and is accessible', async () => {
      const email = await signUpUser(e2e.endpoint);
      const { el } = await render();
      await expect(el).to.be.accessible();

      expect(await stepAfter(el, () => submitFirstForm(el, email))).to.equal('choose');

      expect([...methodsOffered(el)].sort()).to.deep.equal([...e2e.config.userAuthFirstFactors].sort());
      expect(methodsOffered(el)[0]).to.equal('WEB_AUTHN', 'a passkey first: no code to wait for');
      await expect(el).to.be.accessible();
    });
  });

  describe('when a user signs in with an emailed code, adds a passkey, signs out and comes back', () => {
    it('signs in with the passkey alone: no new code, three requests', async () => {
      const email = await signUpUser(e2e.endpoint);
      const { el, log } = await render();
      await clearRequests(e2e.endpoint);

      await signInWithEmailCode(el, e2e.endpoint, email);
      expect(await operations(e2e.endpoint)).to.deep.equal([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
      ]);
      expect(await listedPasskeys(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();

      await clearRequests(e2e.endpoint);
      await addPasskey(el);
      expect(await operations(e2e.endpoint)).to.include.members([
        'StartWebAuthnRegistration',
        'CompleteWebAuthnRegistration',
        'ListWebAuthnCredentials',
      ]);
      expect(await authenticator({ action: 'credentials' })).to.equal(1);
      expect(await listedPasskeys(el)).to.have.length(1);
      await expect(el).to.be.accessible();

      await el.signOut();
      expect(el.step).to.equal('username');
      const codesBefore = (await sentCodes(e2e.endpoint)).length;
      await clearRequests(e2e.endpoint);

      expect(await stepAfter(el, () => submitFirstForm(el, email))).to.equal('choose');
      expect(await stepAfter(el, () => pickMethod(el, 'WEB_AUTHN'))).to.equal('signed-in');

      expect(log.events.at(-1)!.detail).to.deep.include({ loginId: email, restored: false });
      expect((await sentCodes(e2e.endpoint)).length).to.equal(codesBefore, 'no code was sent');
      const signInRequests = (await operations(e2e.endpoint)).filter(
        (operation) => !/WebAuthnCredentials/.test(operation),
      );
      expect(signInRequests).to.deep.equal(['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
    });

    it('goes straight to the passkey with preferred-challenge="WEB_AUTHN"', async () => {
      const email = await signUpUser(e2e.endpoint);
      const { el: first } = await render();
      await signInWithEmailCode(first, e2e.endpoint, email);
      await addPasskey(first);
      await first.signOut();
      first.remove();
      const { el } = await render({ 'preferred-challenge': 'WEB_AUTHN' });
      await clearRequests(e2e.endpoint);

      const steps: string[] = [];
      el.addEventListener('auth-step-change', (event) => steps.push(event.detail.step));
      await stepAfter(el, () => submitFirstForm(el, email));
      await waitUntil(() => el.step === 'signed-in', 'not signed in with the passkey');
      expect(steps).to.deep.equal(['choose', 'signed-in'], 'no button to press: the passkey prompt comes at once');
      const signInRequests = (await operations(e2e.endpoint)).filter(
        (operation) => !/WebAuthnCredentials/.test(operation),
      );
      expect(signInRequests).to.deep.equal(['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
    });
  });

  describe('when the passkey prompt fails (the user cancels, or the device has none)', () => {
    it('says so on the choose step, and the user signs in with a code instead', async () => {
      const email = await signUpUser(e2e.endpoint);
      const { el } = await render();
      await authenticator({ action: 'verify', verified: false });
      await clearRequests(e2e.endpoint);

      expect(await stepAfter(el, () => submitFirstForm(el, email))).to.equal('choose');
      const failed = new Promise<CustomEvent>((resolve) => el.addEventListener('auth-error', resolve, { once: true }));
      pickMethod(el, 'WEB_AUTHN');
      const { detail } = await failed;

      expect(detail).to.deep.include({ step: 'choose' });
      expect(el.step).to.equal('choose');
      expect(errorText(el)).to.equal('The passkey was not used. Try it again, or choose another way to sign in.');
      expect(methodsOffered(el)).to.include('EMAIL_OTP');
      await expect(el).to.be.accessible();

      expect(await stepAfter(el, () => pickMethod(el, 'EMAIL_OTP'))).to.equal('challenge');
      expect(await stepAfter(el, async () => submitCode(el, await latestCode(e2e.endpoint, email)))).to.equal(
        'signed-in',
      );
      // The same sign-in goes on: the pick of the code answers the WEB_AUTHN challenge (nothing was sent for the
      // failed prompt), so no new InitiateAuth.
      expect(await operations(e2e.endpoint)).to.deep.equal([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
      ]);
    });
  });

  describe('when the passkey was deleted', () => {
    it('refuses it cleanly, and the user signs in with a code', async () => {
      const email = await signUpUser(e2e.endpoint);
      const { el } = await render();
      await signInWithEmailCode(el, e2e.endpoint, email);
      await addPasskey(el);

      partOf(el, 'delete-passkey-button').click();
      await waitUntil(
        () => partOf(el, 'passkey-list').querySelectorAll('li').length === 0,
        'the passkey is still listed',
      );
      expect(part(el, 'passkeys')!.textContent).to.contain('You have no passkeys yet.');
      expect(await authenticator({ action: 'credentials' })).to.equal(1, 'the device still holds it');
      await el.signOut();

      expect(await stepAfter(el, () => submitFirstForm(el, email))).to.equal('choose');
      const refused = await stepAfter(el, () => pickMethod(el, 'WEB_AUTHN'));

      expect(refused).to.equal('username');
      expect(errorText(el)).to.equal('That passkey was not accepted. Sign in again and choose another way.');
      await signInWithEmailCode(el, e2e.endpoint, email);
    });
  });
});
