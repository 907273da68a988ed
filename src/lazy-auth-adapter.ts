/**
 * The element's default adapter: Amplify, as a chunk of its own that starts loading in the task after the one
 * that loads this module (which draws the first form). The form is drawn and typed into meanwhile; what it asks
 * of Amplify before the chunk has arrived waits for it. A configuration given before then is kept and applied
 * first thing on arrival, ahead of any waiting call, and listeners subscribe then. A chunk that failed to load is
 * fetched again by the next call, whose failure (a network error) the element reports like any other.
 */
import type { AuthAdapter, AuthChange, CognitoConfig, TokenStorageChoice } from './auth-adapter.js';

/** Amplify's adapter once its chunk has arrived and taken the configuration given meanwhile. */
let arrived: AuthAdapter | undefined;
let loading: Promise<AuthAdapter> | undefined;
/** The last configuration given before the chunk arrived. */
let configuration: [CognitoConfig, TokenStorageChoice | undefined] | undefined;
/** What to do with Amplify's adapter as it arrives (the subscriptions of listeners added meanwhile). */
const onArrival = new Set<(adapter: AuthAdapter) => void>();

function load(): Promise<AuthAdapter> {
  loading ??= import('./amplify-auth-adapter.js').then(
    ({ amplifyAuthAdapter }) => {
      // A page that configured Amplify itself (the bundler build shares it) keeps its configuration: the element
      // then finds it in place at its next check, and reports a conflict if it named another pool.
      if (configuration && !amplifyAuthAdapter.authConfig()) amplifyAuthAdapter.configure(...configuration);
      arrived = amplifyAuthAdapter;
      for (const subscribe of onArrival) subscribe(amplifyAuthAdapter);
      onArrival.clear();
      return amplifyAuthAdapter;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Amplify's adapter, at once when it is here. */
const amplify = async (): Promise<AuthAdapter> => arrived ?? load();

export const lazyAuthAdapter: AuthAdapter = {
  // Until Amplify is here, nobody else can have configured it: the configuration is the one given meanwhile.
  authConfig: () => (arrived ? arrived.authConfig() : configuration?.[0]),

  configure(config, storage) {
    if (arrived) arrived.configure(config, storage);
    else configuration = [config, storage];
  },

  pending: () =>
    arrived
      ? undefined
      : (firstFetch ?? load()).then(
          () => undefined,
          () => undefined,
        ),

  signIn: async (input) => (await amplify()).signIn(input),
  signUps: async () => (await amplify()).signUps!(),
  confirmSignIn: async (response) => (await amplify()).confirmSignIn(response),
  passkeys: async () => (await amplify()).passkeys!(),
  getCurrentUser: async () => (await amplify()).getCurrentUser(),
  fetchTokens: async () => (await amplify()).fetchTokens(),
  signOut: async (options) => (await amplify()).signOut(options),

  listen(listener: (change: AuthChange) => void) {
    if (arrived) return arrived.listen(listener);
    let unlisten: (() => void) | undefined;
    const subscribe = (adapter: AuthAdapter) => (unlisten = adapter.listen(listener));
    onArrival.add(subscribe);
    return () => {
      onArrival.delete(subscribe);
      unlisten?.();
    };
  },
};

// The fetch starts without waiting for a call, but only in the task after this module's: started sooner,
// the chunk arrived on a slow phone while the first form was still being laid out and painted, and its
// evaluation then held up the user's first keystroke (bench/two-stages.mjs). Not where there is no DOM
// (server-side rendering): nothing will sign in there. A failure here is the next call's to report.
const firstFetch =
  typeof document === 'undefined' ? undefined : new Promise((settle) => setTimeout(() => load().then(settle, settle)));
