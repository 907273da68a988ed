/**
 * What follows from each move of the sign-in state machine, as pure functions of the state before and after:
 * which fields are cleared, what gets focus, which events are due. The element only carries them out.
 */
import type { AuthEventDetails, AuthEventName } from './events.js';
import type { AuthStep, FlowError, FlowState } from './sign-in-flow.js';

/** The form fields; each name is also the start of its part name. */
export type Field = 'username' | 'password' | 'code';

/**
 * What the user typed, kept across steps and failures so nothing is lost, and the SRP password held (never
 * rendered) while the challenge step is shown, so that a new code can be requested without typing it again.
 */
export interface Fields extends Readonly<Record<Field, string>> {
  readonly heldPassword: string;
  /** The sign-up step's extra fields, by the name of the user attribute each one fills. */
  readonly [attribute: string]: string;
}

export const emptyFields: Fields = { username: '', password: '', code: '', heldPassword: '' };

/** The part that gets focus when a step is reached. */
const firstPartOf: Readonly<Record<AuthStep, string | undefined>> = {
  loading: undefined,
  username: 'username-input',
  'sign-up': 'username-input',
  choose: 'method-button',
  challenge: 'code-input',
  'signed-in': 'signed-in-view',
};

/** Where a problem is fixed: its field is marked invalid and focused. */
const partOfProblem: Readonly<Record<string, string>> = {
  EmptySignInUsername: 'username-input',
  SignInUsernameTooLong: 'username-input',
  InvalidEmail: 'username-input',
  EmptySignInPassword: 'password-input',
  EmptyChallengeResponse: 'code-input',
  ChallengeResponseTooLong: 'code-input',
  IncorrectChallengeAnswer: 'code-input',
  // The code field is closed once the code expired: a new code is the way on.
  CodeExpired: 'resend-button',
};

/** The part where the problem named `name` is fixed, if it is fixed in one. */
export function problemPart(name: string): string | undefined {
  return Object.hasOwn(partOfProblem, name) ? partOfProblem[name] : undefined;
}

/**
 * The fields after a move. A new challenge round wants a new code. The password moves out of the form while
 * the challenge is shown and is forgotten when it is left; once signed in, every secret typed is dropped.
 */
export function fieldsAfter(previous: FlowState, next: FlowState, fields: Fields): Fields {
  const toChallenge = next.step === 'challenge';
  let { password, code, heldPassword } = fields;
  if (toChallenge && next.challengeParameters !== previous.challengeParameters) code = '';
  if (toChallenge && previous.step !== 'challenge') [heldPassword, password] = [password, ''];
  if (!toChallenge) heldPassword = '';
  if (next.step === 'signed-in') password = code = '';
  return { ...fields, password, code, heldPassword };
}

/** The part to focus after a move, if any. */
export function focusAfter(previous: FlowState, next: FlowState): string | undefined {
  if (next.busy) return undefined;
  // Reaching the first step from the initial session check is not the user's doing: leave the page's focus be.
  if (next.step !== previous.step) return previous.step === 'loading' ? undefined : firstPartOf[next.step];
  if (next.error && next.error !== previous.error) return problemPart(next.error.name) ?? firstPartOf[next.step];
  // A new round: the field waits for the new code.
  return next.challengeParameters === previous.challengeParameters ? undefined : firstPartOf[next.step];
}

/** One event to fire once the state it reports is rendered. */
export type DueEvent = { [Name in AuthEventName]: readonly [Name, AuthEventDetails[Name]] }[AuthEventName];

/**
 * The events a move makes due, in order. `describe` gives the text shown for an error, reported as its
 * message when the library gave none.
 */
export function eventsDue(previous: FlowState, next: FlowState, describe: (error: FlowError) => string): DueEvent[] {
  const due: DueEvent[] = [];
  if (next.step !== previous.step) {
    const challengeParameters = next.step === 'challenge' ? { challengeParameters: next.challengeParameters } : {};
    due.push(['auth-step-change', { step: next.step, previousStep: previous.step, ...challengeParameters }]);
  }
  if (next.step === 'signed-in' && previous.step !== 'signed-in' && next.user) {
    const { username, userId, loginId = username } = next.user;
    const { restored = false, newUser = false } = next;
    due.push(['auth-signed-in', { username, userId, loginId, restored, newUser, ...(next.link && { link: true }) }]);
  }
  // Leaving the signed-in step for the first form without a failure is signing out (here or elsewhere).
  if (previous.step === 'signed-in' && next.step === 'username' && !next.error) {
    due.push(['auth-signed-out', { username: previous.user?.username ?? '' }]);
  }
  if (next.error && next.error !== previous.error) {
    const { step, name, message } = next.error;
    due.push(['auth-error', { step, name, message: message ?? describe(next.error) }]);
  }
  return due;
}
