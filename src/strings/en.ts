import type { LinkTextKey } from './en-link.js';

/**
 * English: the built-in language, and the fallback for any text another language or a `strings` override
 * leaves out. Keys in camelCase name a piece of the form; keys in PascalCase are error names, either Cognito's
 * or Amplify's own (`UserNotFoundException`, `NetworkError`) or a reason the sign-in state machine derives
 * from one (`CodeExpired`). Placeholders look like `{name}`.
 */
export const en = {
  username: 'Username',
  password: 'Password',
  code: 'Code',
  sendCode: 'Send code',
  signIn: 'Sign in',
  otherUsername: 'Use a different username',
  resend: 'Send a new code',
  resendIn: 'Send a new code in {seconds} s',
  resendReady: 'You can now send a new code.',
  prompt: 'Enter the code we sent to {destination}.',
  promptAnywhere: 'Enter the code we sent you.',
  codeLength: 'The code has {codeLength} characters.',
  lifetime: 'The code is valid for {duration}.',
  signedIn: 'Signed in as {username}.',
  signOut: 'Sign out',
  loading: 'Checking for an existing session…',
  sending: 'Sending your code…',
  preparing: 'Preparing to send your code…',
  checking: 'Checking your code…',
  signingOut: 'Signing out…',

  UnknownError: 'Something went wrong. Please try again.',
  EmptySignInUsername: 'Enter your username.',
  EmptySignInPassword: 'Enter your password.',
  EmptyChallengeResponse: 'Enter the code.',
  TooLong: 'That is too long: at most {max} characters.',
  WrongCode: 'That code is not right. Try again.',
  WrongCodeAttemptsLeft: 'That code is not right. Attempts left: {attemptsLeft}.',
  CodeExpired: 'Your code has expired. Request a new one.',
  TooManyWrongCodes: 'Too many wrong codes. Request a new one.',
  SessionEnded: 'This sign-in attempt has ended. Request a new code.',
  IncorrectCredentials: 'Incorrect username or password.',
  UserDisabled: 'This account is disabled.',
  TooManyRequests: 'Too many attempts. Wait a moment, then try again.',
  TooManyAttempts: 'Too many attempts. Try again in {minutes} minutes.',
  NetworkError: 'Cannot reach the sign-in service. Check your connection, then try again.',
  UnsupportedSignInStep: 'This account needs a sign-in step this form does not offer.',
};

/** A key of the text table. */
export type StringKey = keyof typeof en;

/**
 * The keys a translation covers: all of this table's. (The texts of configuration problems, English only, are
 * fetched when needed: src/configuration-texts.ts.)
 */
export type TranslatedKey = StringKey;

/** A language's table: every translated key, the sign-in link's included. */
export type Translation = Readonly<Record<TranslatedKey | LinkTextKey, string>>;
