/**
 * Sign-up's calls to the auth library (part of the sign-up chunk), made for the element by its sign-up controller:
 * the account from the `sign-up` step, then whatever the machine says follows (see src/sign-up-flow.ts): the code
 * that confirms the account, a new code, the auto sign-in. Every answer goes to the machine.
 */
import type { SignUpAdapter, SignUpResult } from './auth-adapter.js';
import type { CapabilityHost, ElementHooks } from './controllers/element-hooks.js';
import type { SignUpCall } from './sign-in-flow.js';
import { signUpAttributeNames, signUpRequest } from './sign-up-input.js';
import { clock } from './ticker.js';

/** The machine hears of a sign-up's (or a confirmation's) next step. */
const signedUp =
  ({ dispatch }: ElementHooks) =>
  (result: SignUpResult) =>
    dispatch({ type: 'signed-up', result, at: clock.now() });

/** Runs `use` with the adapter's sign-up calls, which the Amplify adapter fetches as a chunk of their own. */
const withSignUps =
  <T>({ adapter }: CapabilityHost, use: (signUps: SignUpAdapter) => Promise<T>) =>
  async (): Promise<T> =>
    use(await adapter.signUps!());

/**
 * The `sign-up` step's submit: checks the form, then asks for the account; `USER_AUTH` signs up without a
 * password (Cognito's passwordless sign-up). With `call`, one of the calls after it instead.
 */
export async function submit(hooks: ElementHooks, host: CapabilityHost, call?: SignUpCall): Promise<void> {
  if (call) return after(call, hooks, host);
  const names = signUpAttributeNames(host.signUpAttributes);
  const request = signUpRequest(hooks.fields(), names, host.authFlow === 'user-auth');
  if ('type' in request) return hooks.dispatch(request);
  // A code the auto sign-in should ask for (a new account has no passkey yet).
  const { preferredChallenge } = host;
  if (!request.password && preferredChallenge && preferredChallenge !== 'WEB_AUTHN') {
    request.preferredChallenge = preferredChallenge;
  }
  if (!hooks.configured()) return;
  // Kept as sent: Amplify's auto sign-in only follows a confirmation of the very same username.
  hooks.keep('username', request.username);
  await hooks.calls.run(
    'signUp',
    withSignUps(host, (signUps) => signUps.signUp(request)),
    signedUp(hooks),
  );
}

/** One of the calls after the sign-up: the confirmation with the code typed, a new code, or the auto sign-in. */
function after(call: SignUpCall, hooks: ElementHooks, host: CapabilityHost): Promise<void> | void {
  const { calls, fields, dispatch } = hooks;
  const { username } = fields();
  if (call === 'autoSignIn') {
    const preferred = host.preferredChallenge;
    // Its answer is a USER_AUTH sign-in's (a code, a choice), which the user-auth chunk's rules read: the element
    // fetches that chunk as it starts, and a slow network may still be bringing it.
    const autoSignIn = withSignUps(host, async (signUps) => {
      await import('./user-auth.js');
      return signUps.autoSignIn();
    });
    return calls.advance(call, autoSignIn, { preferred });
  }
  if (call === 'resendSignUpCode') {
    return calls.run(
      call,
      withSignUps(host, (signUps) => signUps.resendSignUpCode(username)),
      (delivery) => dispatch({ type: 'sign-up-code-sent', delivery, at: clock.now() }),
    );
  }
  // Cognito's codes are digits, often pasted in groups ("123 456"), as the element's sign-in codes are taken.
  const code = fields().code.replace(/[\s-]/g, '');
  if (!code) return dispatch({ type: 'input-invalid', name: 'EmptyChallengeResponse' });
  hooks.keep('code', code);
  return calls.run(
    call,
    withSignUps(host, (signUps) => signUps.confirmSignUp({ username, code })),
    signedUp(hooks),
  );
}
