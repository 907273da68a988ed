/**
 * Every piece of text the element shows lives in this one table, so that a `strings` override and other
 * languages can be added later without touching the rendering code.
 *
 * Placeholders look like `{name}` and are filled in by {@link text}. Error texts use keys of the form
 * `error.<name>`, where `<name>` is either the error name Cognito or Amplify reports or a reason the sign-in
 * state machine derives from one (e.g. `CodeExpired`); {@link errorTextKey} falls back to `error.fallback`.
 */
export const englishStrings = {
  'username.label': 'Username',
  'password.label': 'Password',
  'code.label': 'Code',
  'username.submit': 'Send code',
  'password.submit': 'Continue',
  'code.submit': 'Sign in',
  'code.restart': 'Start over',
  'challenge.prompt': 'Enter the code we sent to {destination}.',
  'challenge.prompt-no-destination': 'Enter the code we sent you.',
  'challenge.code-length': 'The code has {codeLength} characters.',
  'signed-in.message': 'Signed in as {username}.',
  'signed-in.sign-out': 'Sign out',
  'status.loading': 'Checking for an existing session…',
  'status.starting': 'Sending your code…',
  'status.checking-code': 'Checking your code…',
  'status.signing-out': 'Signing out…',

  'error.fallback': 'Something went wrong. Please try again.',
  'error.ConfigurationMissing':
    'This sign-in form is not set up: it needs the user-pool-id and user-pool-client-id attributes.',
  'error.ConfigurationMissingPoolId': 'This sign-in form is not set up: it needs the user-pool-id attribute.',
  'error.ConfigurationMissingClientId': 'This sign-in form is not set up: it needs the user-pool-client-id attribute.',
  'error.ConfigurationInvalidPoolId':
    'This sign-in form is not set up correctly: "{value}" is not a user pool id (expected something like eu-west-1_AbC123).',
  'error.ConfigurationInvalidEndpoint':
    'This sign-in form is not set up correctly: user-pool-endpoint "{value}" must be an absolute http or https URL.',
  'error.ConfigurationInvalidAuthFlow':
    'This sign-in form is not set up correctly: auth-flow "{value}" must be custom-without-srp or custom-with-srp.',
  'error.ConfigurationRejected':
    'This sign-in form is not set up correctly: the sign-in library rejected its settings.',
  'error.EmptySignInUsername': 'Enter your username.',
  'error.EmptySignInPassword': 'Enter your password.',
  'error.EmptyChallengeResponse': 'Enter the code.',
  'error.WrongCode': 'That code is not right. Try again.',
  'error.WrongCodeOneAttemptLeft': 'That code is not right. 1 attempt left.',
  'error.WrongCodeAttemptsLeft': 'That code is not right. {attemptsLeft} attempts left.',
  'error.CodeExpired': 'Your code has expired. Request a new one.',
  'error.TooManyWrongCodes': 'Too many wrong codes. Request a new one.',
  'error.SessionEnded': 'This sign-in attempt has ended. Request a new code.',
  'error.IncorrectCredentials': 'We could not sign you in with those details. Check them and try again.',
  'error.UserDisabled': 'This account is disabled.',
  'error.UserNotFoundException': 'We could not find an account with that username.',
  'error.TooManyRequests': 'Too many attempts. Wait a moment and try again.',
  'error.NetworkError': 'We could not reach the sign-in service. Check your connection and try again.',
  'error.UnsupportedSignInStep': 'This account needs a sign-in step this form does not support.',
} as const;

/** A key of the text table. */
export type StringKey = keyof typeof englishStrings;

/** Values for the `{name}` placeholders of one text. */
export type TextParams = Readonly<Record<string, string | number>>;

/**
 * The text for `key` with its placeholders filled in. Placeholders without a value are left as written, so a
 * missing parameter shows up in review instead of silently vanishing.
 */
export function text(key: StringKey, params: TextParams = {}): string {
  return englishStrings[key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** The text key explaining an error name or reason, or the generic fallback when the table has none. */
export function errorTextKey(reason: string): StringKey {
  const key = `error.${reason}`;
  return Object.hasOwn(englishStrings, key) ? (key as StringKey) : 'error.fallback';
}
