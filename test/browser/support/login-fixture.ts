/**
 * The unit suites' fixture: puts a registered `<custom-auth-login>` backed by a {@link FakeAuthAdapter} into
 * the page and brings it to a given step with the shared driver ({@link ./login-driver.ts}) and fake steps
 * ({@link ./fake-steps.ts}), which it re-exports so a spec imports from one place.
 */
import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/custom-auth-login.js';
import type { AuthFlow, CustomAuthLogin } from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter } from './fake-auth-adapter.js';
import { answerChallenge, answerNoSession, defaultChallenge, reachChallenge } from './fake-steps.js';

export * from './fake-steps.js';
export * from './login-driver.js';

export const userPoolId = 'local_devpool';
export const userPoolClientId = 'localdevclient';

/** The user the tests sign in. */
export const alice = { username: 'alice@example.com', userId: 'user-1' };

export interface LoginOptions {
  authFlow?: AuthFlow;
  username?: string;
  lang?: string;
  noShadow?: boolean;
  resendCooldown?: number;
  codeLifetime?: number;
}

/** A configured element whose check for a stored session is still pending. */
export function renderLogin(
  fake: FakeAuthAdapter,
  { authFlow, username, lang, noShadow, resendCooldown, codeLifetime }: LoginOptions = {},
): Promise<CustomAuthLogin> {
  return fixture<CustomAuthLogin>(html`
    <custom-auth-login
      user-pool-id=${userPoolId}
      user-pool-client-id=${userPoolClientId}
      auth-flow=${authFlow ?? nothing}
      username=${username ?? nothing}
      lang=${lang ?? nothing}
      ?no-shadow=${noShadow}
      resend-cooldown=${resendCooldown ?? nothing}
      code-lifetime=${codeLifetime ?? nothing}
      .adapter=${fake}
    ></custom-auth-login>
  `);
}

/** The element on its first form: no stored session was found. */
export async function renderSignedOut(
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const fake = new FakeAuthAdapter();
  const el = await renderLogin(fake, options);
  await answerNoSession(el, fake);
  return { el, fake };
}

/** The element asking for the code, after alice's username was submitted and the pool sent `parameters`. */
export async function renderAtChallenge(
  parameters: Record<string, string> = defaultChallenge,
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderSignedOut(options);
  const password = options.authFlow === 'custom-with-srp' ? 'Correct-Horse-42' : undefined;
  await reachChallenge(el, fake, alice.username, { password, parameters });
  return { el, fake };
}

/** The element showing a signed-in user, reached through the form. */
export async function renderSignedIn(
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderAtChallenge(undefined, options);
  await answerChallenge(el, fake, alice.username, alice.userId);
  return { el, fake };
}
