/**
 * The adapter's sign-up, through Amplify's `signUp`: the one other module that imports Amplify, loaded only when
 * an element signs someone up, so that pages without sign-up do not carry Amplify's sign-up code.
 */
import { signUp as amplifySignUp } from 'aws-amplify/auth';
import type { SignUpRequest } from './auth-adapter.js';

/**
 * Creates the account. The Pre Sign-up trigger confirms it at once; a pool that asks for a confirmation code of
 * its own instead is a step this form does not offer.
 */
export async function signUp({ username, password, attributes }: SignUpRequest): Promise<void> {
  // No autoSignIn: with the custom flow it would only ask for a second code; the element signs in itself.
  const { isSignUpComplete, nextStep } = await amplifySignUp({
    username,
    password,
    options: { userAttributes: attributes },
  });
  if (!isSignUpComplete) {
    throw Object.assign(new Error(nextStep.signUpStep), { name: 'UnsupportedSignInStep' });
  }
}
