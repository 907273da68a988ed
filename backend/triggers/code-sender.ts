/** A one-time code on its way to the person signing in. */
export interface CodeMessage {
  /** Delivery address (an email address). */
  readonly to: string;
  /** The Cognito username the code is for. */
  readonly username: string;
  readonly code: string;
  /** Epoch milliseconds after which the code is rejected. */
  readonly expiresAt: number;
  /** The app the code signs in to, as named in the message (`APP_NAME`). */
  readonly appName: string;
  /** A sign-in link to the app's page, `<page>#<token>`, when the app client has one. */
  readonly link?: string;
}

/**
 * Delivers codes. Production uses the SES sender; the local endpoint plugs in a sender that records messages,
 * so both run the same Create trigger.
 */
export interface CodeSender {
  send(message: CodeMessage): Promise<void>;
}
