/**
 * The adapter's sign-up, through Amplify's sign-up calls: the one other module that imports Amplify, loaded only
 * when an element signs someone up (or confirms an account), so that pages without sign-up do not carry them.
 */
import { autoSignIn, confirmSignUp, resendSignUpCode, signUp } from 'aws-amplify/auth';
import type { SignUpAdapter } from './auth-adapter.js';

export const signUps: SignUpAdapter = {
  // With a password (the custom flows) no auto sign-in: it would only ask for a second code (amplify-js #14138);
  // the element signs in itself. Without one, Cognito's passwordless sign-up returns a session that Amplify keeps
  // (in memory) for `autoSignIn` with USER_AUTH, so the confirmed user is signed in without another code.
  signUp: ({ username, password, attributes, preferredChallenge }) =>
    signUp({
      username,
      password,
      options: {
        userAttributes: attributes,
        ...(password ? {} : { autoSignIn: { authFlowType: 'USER_AUTH', preferredChallenge } }),
      },
    }),

  confirmSignUp: ({ username, code }) => confirmSignUp({ username, confirmationCode: code }),

  resendSignUpCode: (username) => resendSignUpCode({ username }),

  autoSignIn: () => autoSignIn(),
};
