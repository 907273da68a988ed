import type { CodeSender } from '../triggers/code-sender.ts';
import { createBoundedLog } from './bounded-log.ts';

/** A code the development sender "delivered", as listed by `GET /_dev/messages`. */
export interface InboxMessage {
  readonly to: string;
  readonly username: string;
  readonly code: string;
  /** The sign-in link exactly as emailed, when the app client has a link page. */
  readonly link?: string;
  /** ISO 8601 time the code was sent. */
  readonly sentAt: string;
}

/** The development inbox: a {@link CodeSender} that keeps what it sends instead of emailing it. */
export interface DevInbox extends CodeSender {
  /** Messages sent so far, newest last. */
  list(): InboxMessage[];
  clear(): void;
}

/**
 * Creates the development inbox. Each code is also printed through `log`, so a developer running the
 * endpoint by hand can sign in from the console output.
 */
export function createDevInbox(log: (line: string) => void, now: () => number = Date.now): DevInbox {
  const messages = createBoundedLog<InboxMessage>();
  return {
    async send({ to, username, code, link }) {
      messages.add({ to, username, code, ...(link ? { link } : {}), sentAt: new Date(now()).toISOString() });
      // The link itself stays out of the log: it is a bearer credential, listed only at /_dev/messages.
      log(`code ${code}${link ? ' and a sign-in link' : ''} sent to ${to} (user ${username})`);
    },
    list: messages.list,
    clear: messages.clear,
  };
}
