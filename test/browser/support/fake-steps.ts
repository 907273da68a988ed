/**
 * Steps through a sign-in of an element whose auth library is a {@link FakeAuthAdapter}: the test answers each
 * call the element makes. Side-effect free like the driver it builds on, so suites that render the element
 * themselves (through a framework, from a built bundle) use it too.
 */
import type { AuthStep } from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter, authError, customChallenge, signedIn, type PendingCall } from './fake-auth-adapter.js';
import { field, stepAfter, submit, submitCode, typeInto } from './login-driver.js';

/** What the pool's Create Auth Challenge trigger sends by default. */
export const defaultChallenge: Readonly<Record<string, string>> = {
  deliveryMedium: 'EMAIL',
  destination: 'a***@e***.com',
  codeLength: '6',
  attemptsLeft: '3',
};

/** Answers the element's first look for a stored session with "nobody is signed in"; resolves with the step shown. */
export async function answerNoSession(el: Element, fake: FakeAuthAdapter): Promise<AuthStep> {
  const check = await fake.nextCall('getCurrentUser');
  return stepAfter(el, () =>
    check.reject(authError('UserUnAuthenticatedException', 'User needs to be authenticated to call this API.')),
  );
}

/** Fills the first form (a password only when given), submits it and returns the sign-in call it made. */
export async function signInCall(
  el: Element,
  fake: FakeAuthAdapter,
  username = 'alice@example.com',
  password?: string,
): Promise<PendingCall<'signIn'>> {
  typeInto(field(el, 'username-input'), username);
  if (password !== undefined) typeInto(field(el, 'password-input'), password);
  submit(el);
  return fake.nextCall('signIn');
}

/** Types `code` into the challenge form, submits it and returns the call it made. */
export async function answerCall(
  el: Element,
  fake: FakeAuthAdapter,
  code = '123456',
): Promise<PendingCall<'confirmSignIn'>> {
  submitCode(el, code);
  return fake.nextCall('confirmSignIn');
}

/** Submits `username` (and `password`) and lets the pool ask for a code with `parameters`; resolves with the step. */
export async function reachChallenge(
  el: Element,
  fake: FakeAuthAdapter,
  username = 'alice@example.com',
  { password, parameters = defaultChallenge }: { password?: string; parameters?: Record<string, string> } = {},
): Promise<AuthStep> {
  const signIn = await signInCall(el, fake, username, password);
  return stepAfter(el, () => signIn.resolve(customChallenge({ USERNAME: username, ...parameters })));
}

/** Submits a code the pool accepts and reports `username` as the signed-in user; resolves with the step. */
export async function answerChallenge(
  el: Element,
  fake: FakeAuthAdapter,
  username = 'alice@example.com',
  userId = `id-of-${username}`,
): Promise<AuthStep> {
  (await answerCall(el, fake)).resolve(signedIn);
  const lookup = await fake.nextCall('getCurrentUser');
  return stepAfter(el, () => lookup.resolve({ username, userId }));
}
