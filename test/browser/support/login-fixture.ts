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

/**
 * The user the tests sign in, as a pool that signs in with email describes her: Cognito's username is a
 * generated UUID (also her `sub`), the email is the name she signs in with.
 */
export const alice = {
  username: '5f1c9e2a-7b3d-4c8e-9a01-23456789abcd',
  userId: '5f1c9e2a-7b3d-4c8e-9a01-23456789abcd',
  loginId: 'alice@example.com',
};

export interface LoginOptions {
  authFlow?: AuthFlow;
  username?: string;
  lang?: string;
  noShadow?: boolean;
  resendCooldown?: number;
  codeLifetime?: number;
  /** The `sign-up` attribute, and `sign-up-attributes`. */
  signUp?: boolean;
  signUpAttributes?: string;
}

/** A configured element whose check for a stored session is still pending. */
export function renderLogin(
  fake: FakeAuthAdapter,
  { authFlow, username, lang, noShadow, resendCooldown, codeLifetime, signUp, signUpAttributes }: LoginOptions = {},
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
      ?sign-up=${signUp}
      sign-up-attributes=${signUpAttributes ?? nothing}
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
  await reachChallenge(el, fake, alice.loginId, { password, parameters });
  return { el, fake };
}

/** The element showing a signed-in user, reached through the form. */
export async function renderSignedIn(
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderAtChallenge(undefined, options);
  await answerChallenge(el, fake, alice);
  return { el, fake };
}
