import type { CodeSender } from '../triggers/code-sender.ts';
import { createBoundedLog } from './bounded-log.ts';

/** A code the development sender "delivered", as listed by `GET /_dev/messages`. */
export interface InboxMessage {
  readonly to: string;
  readonly username: string;
  readonly code: string;
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
    async send({ to, username, code }) {
      messages.add({ to, username, code, sentAt: new Date(now()).toISOString() });
      log(`code ${code} sent to ${to} (user ${username})`);
    },
    list: messages.list,
    clear: messages.clear,
  };
}
