/**
 * An error answered the way Cognito answers it: HTTP 400 (unless said otherwise), a JSON body
 * `{ "__type", "message" }` and the `x-amzn-errortype` header. Expected errors must stay 4xx because
 * clients retry 5xx answers.
 */
export class CognitoError extends Error {
  constructor(
    /** Cognito's error name, e.g. `NotAuthorizedException`. */
    readonly type: string,
    message: string,
    /** HTTP status of the answer. */
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** Cognito's own wording for the errors the sign-in flows produce. */
export const MESSAGES = {
  incorrectCredentials: 'Incorrect username or password.',
  invalidSession: 'Invalid session for the user.',
  expiredSession: 'Invalid session for the user, session is expired.',
  userDisabled: 'User is disabled.',
  invalidRefreshToken: 'Invalid Refresh Token',
  revokedRefreshToken: 'Refresh Token has been revoked',
  expiredRefreshToken: 'Refresh Token has expired',
  tooManySessions: 'Too many sign-ins in progress; try again later.',
  invalidAccessToken: 'Invalid Access Token',
  expiredAccessToken: 'Access Token has expired',
  revokedAccessToken: 'Access Token has been revoked',
  unrecognizableLambdaOutput: 'Unrecognizable lambda output',
} as const;

/** `NotAuthorizedException`, the answer to every failed sign-in and every bad session or token. */
export function notAuthorized(message: string): CognitoError {
  return new CognitoError('NotAuthorizedException', message);
}

/** `InvalidParameterException`, for requests that are well-formed JSON but not a valid call. */
export function invalidParameter(message: string): CognitoError {
  return new CognitoError('InvalidParameterException', message);
}
