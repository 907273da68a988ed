/**
 * Finishing a sign-in link (`<page>#cal1.<claims>.<signature>`, see docs/backend.md). A chunk of its own: the
 * element loads it only when the address held such a fragment (src/controllers/sign-in-link.ts).
 */
import type { AuthAdapter, SignInResult } from './auth-adapter.js';
import { flowExtensions, withError, type FlowError, type FlowExtension } from './sign-in-flow.js';
import { enLink } from './strings/en-link.js';

/**
 * A link that cannot sign in leads to the first form, where the user asks for a new email, even from the
 * challenge step of a tab the link was opened in: the link's sign-in may have replaced that step's.
 */
const linkFlow: FlowExtension = (state, event) => {
  if (event.type !== 'failed') return undefined;
  // The errors this chunk throws itself (finishLink).
  const { name, message } = Object(event.error) as Partial<Error>;
  if (name !== 'LinkRejected' && name !== 'LinkExpired') return undefined;
  const error: FlowError = { name, message, reason: name, step: state.step };
  return { state: withError(state, error, 'username') };
};

flowExtensions.push(linkFlow);

/** What the element needs to read from a token; the backend checks the signature, the element cannot. */
interface LinkClaims {
  /** Cognito username of the link's user. */
  readonly u: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
}

/** The ClientMetadata key that tells Pre authentication which link starts this sign-in. */
const LINK_METADATA_KEY = 'signInLink';

/** Errors that are not about the link and keep their own message: the limiter's refusal, a network failure. */
const PASSED_ON = /TooManyAttempts|fetch|network|load failed/i;

function linkError(name: 'LinkRejected' | 'LinkExpired'): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}

function readClaims(token: string): LinkClaims | undefined {
  try {
    const text = atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(text) as Partial<LinkClaims>;
    return typeof claims.u === 'string' && typeof claims.exp === 'number' ? (claims as LinkClaims) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signs in with a link's token. In the tab that asked for the email, Amplify still holds the sign-in (for three
 * minutes, in sessionStorage): the token answers its challenge. Anywhere else, or later, a new sign-in for the
 * link's user starts with the token as ClientMetadata, which the backend's Pre authentication checks (nothing is
 * emailed), and the token answers its challenge. Resolves signed in; rejects with `LinkExpired` for a link past
 * its time (no request made), `LinkRejected` for one the backend refuses (used, replaced by a newer email,
 * tampered with, for another pool or app), or the refusal of the limits or the network as it came.
 *
 * `english` is the element's built-in English table: the refusals' texts are added to it (they travel here,
 * not in the bundle), so they are shown like every other failure. Passed in rather than imported, so this chunk
 * does not pull the table's module, and with it the bundle, into a shared chunk.
 */
export async function finishLink(
  adapter: AuthAdapter,
  token: string,
  english: Record<string, string>,
  now = Date.now(),
): Promise<SignInResult> {
  Object.assign(english, enLink);
  const claims = readClaims(token);
  if (!claims) throw linkError('LinkRejected');
  if (claims.exp * 1000 <= now) throw linkError('LinkExpired');
  try {
    const result = await adapter.confirmSignIn(token);
    if (result.isSignedIn) return result;
  } catch (error) {
    // No sign-in in progress in this tab, or its session is over: the new sign-in below takes over.
    if (PASSED_ON.test(String((error as Error | undefined)?.message))) throw error;
  }
  let result: SignInResult;
  try {
    result = await adapter.signIn({
      username: claims.u,
      authFlowType: 'CUSTOM_WITHOUT_SRP',
      clientMetadata: { [LINK_METADATA_KEY]: token },
    });
    if (!result.isSignedIn) result = await adapter.confirmSignIn(token);
  } catch (error) {
    if (PASSED_ON.test(String((error as Error | undefined)?.message))) throw error;
    throw linkError('LinkRejected');
  }
  if (!result.isSignedIn) throw linkError('LinkRejected');
  return result;
}
