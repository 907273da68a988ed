import { SESClient, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-ses';
import type { CodeMessage, CodeSender } from './code-sender.ts';

/** The part of the SES client the sender uses, so tests can hand in a client whose `send` is mocked. */
export interface SesSendClient {
  send(command: SendEmailCommand): Promise<unknown>;
}

/** Options of {@link createSesCodeSender}. */
export interface SesCodeSenderOptions {
  /** The verified SES identity codes are sent from (`SENDER_EMAIL`). */
  readonly senderEmail: string | undefined;
  /** Defaults to an SES client for the Lambda's own region and credentials. */
  readonly client?: SesSendClient;
  /** Clock for the "valid for N minutes" line; defaults to `Date.now`. */
  readonly now?: () => number;
}

/**
 * Builds the SendEmail request for one code: a short plain-text message, nothing the client supplied in HTML.
 * The subject carries no code (subjects show in notifications and lock screens); the body names the app and
 * warns that nobody will ask for the code by phone or chat, the usual pretext for stealing it.
 */
export function buildCodeEmail(message: CodeMessage, senderEmail: string, now: number): SendEmailCommandInput {
  const minutes = Math.max(1, Math.round((message.expiresAt - now) / 60_000));
  const validity = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return {
    Source: senderEmail,
    Destination: { ToAddresses: [message.to] },
    Message: {
      Subject: { Charset: 'UTF-8', Data: `Your sign-in code for ${message.appName}` },
      Body: {
        Text: {
          Charset: 'UTF-8',
          Data:
            `Your code to sign in to ${message.appName} is ${message.code}\n\n` +
            `It is valid for ${validity}. Type it only into the sign-in page of ${message.appName}. ` +
            `We will never ask you for this code by phone, chat or email, so never read it out or pass it on.\n\n` +
            (message.link
              ? `Or open this link to sign in; it works once, and only the latest email's link works:\n${message.link}\n\n`
              : '') +
            `If you did not try to sign in, you can ignore this email.\n`,
        },
      },
    },
  };
}

/** A {@link CodeSender} that emails codes through Amazon SES (needs only `ses:SendEmail`). */
export function createSesCodeSender(options: SesCodeSenderOptions): CodeSender {
  const { senderEmail, now = Date.now } = options;
  // Created on first use: importing the trigger (as the local endpoint does) must not build an AWS client.
  let client = options.client;
  return {
    async send(message) {
      if (!senderEmail) throw new Error('SENDER_EMAIL is not set: the code email has no sender address');
      client ??= new SESClient({});
      await client.send(new SendEmailCommand(buildCodeEmail(message, senderEmail, now())));
    },
  };
}
