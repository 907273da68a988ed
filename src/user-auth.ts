/**
 * Cognito's own passwordless sign-in, loaded as a chunk of its own only by elements with
 * `auth-flow="user-auth"`: the machine's `USER_AUTH` transitions, the `choose` step, the passkeys of the
 * signed-in view with their controller, and the texts of all of it in every language. Loading it registers the
 * transitions and texts; the element renders through the exports.
 */
import { chunkTransitions } from './sign-in-flow.js';
import { addChunkTexts } from './strings.js';
import { userAuthTexts } from './strings/user-auth.js';
import { userAuthTransition } from './user-auth-flow.js';

chunkTransitions.push(userAuthTransition);
addChunkTexts(userAuthTexts);

export { choose } from './steps/choose.js';
export { passkeys } from './steps/passkeys.js';
export { PasskeyList } from './controllers/passkey-list.js';
export { callFor } from './user-auth-flow.js';
