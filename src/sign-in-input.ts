/**
 * What the user typed, checked and normalised before any call: pure functions, so each rule (trimming,
 * Cognito's length limits, codes typed in groups) is written down and tested in one place. A check answers
 * with the state machine's `input-invalid` event when the input cannot be right, else with nothing.
 */
import type { Fields } from './sign-in-follow-ups.js';
import type { AuthStep, FlowEvent, InputProblem } from './sign-in-flow.js';

/** Input refused before any call, as the state machine hears of it. */
export type InputInvalid = Extract<FlowEvent, { type: 'input-invalid' }>;

/** Cognito's limits, in characters: a username has at most 128, a challenge answer at most 64. */
export const maxUsernameLength = 128;
export const maxAnswerLength = 64;

const invalid = (name: InputProblem, max?: number): InputInvalid => ({
  type: 'input-invalid',
  name,
  ...(max ? { params: { max } } : {}),
});

/** Counted in characters, as Cognito counts them, not in UTF-16 units. */
const tooLong = (value: string, max: number): boolean => [...value].length > max;

/** The username as sent: without the spaces around it. */
export const normalizeUsername = (username: string): string => username.trim();

/** What the first form sends. */
export interface SignInRequest {
  readonly username: string;
  /** SRP flow only. */
  readonly password?: string;
}

/**
 * What the first form sends: the username normalised and, in the SRP flow, the password as typed (spaces
 * and all), or the one held for a new code on the challenge step.
 */
export function signInRequest(fields: Fields, step: AuthStep, withPassword: boolean): SignInRequest {
  const username = normalizeUsername(fields.username);
  if (!withPassword) return { username };
  return { username, password: step === 'challenge' ? fields.heldPassword : fields.password };
}

/** The first form's problem, if any. */
export function signInProblem(
  { username, password = '' }: SignInRequest,
  withPassword: boolean,
): InputInvalid | undefined {
  if (!username) return invalid('EmptySignInUsername');
  if (tooLong(username, maxUsernameLength)) return invalid('SignInUsernameTooLong', maxUsernameLength);
  if (withPassword && !password) return invalid('EmptySignInPassword');
  return undefined;
}

/**
 * The challenge answer as sent: trimmed, and for a numeric code, which is often read out or pasted in groups
 * ("123 456", "123-456"), without its spaces and dashes.
 */
export function normalizeAnswer(code: string, numeric: boolean): string {
  const trimmed = code.trim();
  return numeric ? trimmed.replace(/[\s-]/g, '') : trimmed;
}

/** The challenge answer's problem, if any. */
export function answerProblem(answer: string): InputInvalid | undefined {
  if (!answer) return invalid('EmptyChallengeResponse');
  return tooLong(answer, maxAnswerLength) ? invalid('ChallengeResponseTooLong', maxAnswerLength) : undefined;
}

/** Whether the challenge's answer is a number (the default), so the code field brings up a digit keyboard. */
export const isNumericAnswer = (challengeParameters?: Readonly<Record<string, string>>): boolean =>
  challengeParameters?.answerType !== 'text';
