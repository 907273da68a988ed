/**
 * A small client for a running local endpoint, for demos and tests: read the development inbox and the
 * request log, or make a raw Cognito call without an SDK.
 */
import type { InboxMessage } from './dev-inbox.ts';
import type { RequestRecord } from './http-layer.ts';

/** A raw answer of the endpoint. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
}

/** POSTs a Cognito operation with the JSON protocol's headers; `body` may be a ready-made string. */
export async function cognitoRequest(url: string, operation: string, body: unknown): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The codes sent so far, newest last. */
export async function fetchMessages(url: string): Promise<InboxMessage[]> {
  return (await fetch(new URL('_dev/messages', url))).json() as Promise<InboxMessage[]>;
}

/**
 * The newest code sent to a user, named by address (any letter case) or by username (the UUID); throws when
 * there is none, naming the user.
 */
export async function latestCode(url: string, user: string): Promise<string> {
  const name = user.toLowerCase();
  const message = (await fetchMessages(url))
    .filter((entry) => entry.to.toLowerCase() === name || entry.username === name)
    .at(-1);
  if (!message) throw new Error(`no code has been sent to ${user}`);
  return message.code;
}

/** The newest sign-in link emailed to a user (as {@link latestCode} finds users); throws when there is none. */
export async function latestLink(url: string, user: string): Promise<string> {
  const name = user.toLowerCase();
  const message = (await fetchMessages(url))
    .filter((entry) => entry.to.toLowerCase() === name || entry.username === name)
    .at(-1);
  if (!message?.link) throw new Error(`no sign-in link has been sent to ${user}`);
  return message.link;
}

/** The Cognito operations received so far, oldest first. */
export async function fetchRequests(url: string): Promise<RequestRecord[]> {
  return (await fetch(new URL('_dev/requests', url))).json() as Promise<RequestRecord[]>;
}

/** Empties the inbox and the request log. */
export async function clearDevLogs(url: string): Promise<void> {
  await Promise.all(['_dev/messages', '_dev/requests'].map((path) => fetch(new URL(path, url), { method: 'DELETE' })));
}
