/** What the limiter needs to know about who is signing in. */
export interface IdentityEvent {
  readonly userName: string;
  readonly request: { readonly userAttributes?: Readonly<Record<string, string>>; readonly userNotFound?: boolean };
}

/**
 * The identity the cross-session limits count against. A real user is counted by `sub` (stable across
 * every spelling of the sign-in name, and across email changes); a name Cognito could not find is counted by
 * the name as typed, trimmed and lower-cased, so every letter case of it shares one allowance, exactly as every
 * spelling of a real user's address does. Both go through the same limiter with the same limits.
 */
export function limitIdentity(event: IdentityEvent): string {
  const sub = event.request.userAttributes?.sub;
  if (event.request.userNotFound !== true && sub) return `sub:${sub}`;
  return `name:${event.userName.trim().toLowerCase()}`;
}
