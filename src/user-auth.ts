/**
 * Cognito's own passwordless sign-in, loaded as a chunk of its own only by elements with
 * `auth-flow="user-auth"`: the machine's `USER_AUTH` transitions, the `choose` step, the passkeys of the
 * signed-in view with their controller, and the texts of all of it in every language. Loading it registers the
 * texts and statuses; the element moves and renders through a `UserAuth` of its own.
 */
import { activityOf } from './sign-in-flow.js';
import { PasskeyList, type PasskeyHost } from './controllers/passkey-list.js';
import { choose } from './steps/choose.js';
import { passkeys } from './steps/passkeys.js';
import type { StepView } from './steps/step-view.js';
import { chunkTexts } from './strings.js';
import { userAuthTexts } from './strings/user-auth.js';
import { transitionWithUserAuth } from './user-auth-flow.js';

// Beside the texts of another capability the page may have loaded (sign-up).
for (const language in userAuthTexts) chunkTexts[language] = { ...chunkTexts[language], ...userAuthTexts[language] };
// What the status region says while a code is being sent for the picked factor, or the passkey prompt is open.
Object.assign(activityOf, { EMAIL_OTP: 'sending', SMS_OTP: 'sending', WEB_AUTHN: 'usePasskey' });

/** What one element renders through: the `choose` step, and the passkeys of its signed-in view. */
export class UserAuth {
  readonly choose = choose;
  /** The machine with the `USER_AUTH` rules: the element moves through it once this chunk is loaded. */
  readonly transition = transitionWithUserAuth;
  readonly #passkeys: PasskeyList;

  constructor(host: PasskeyHost) {
    this.#passkeys = new PasskeyList(host);
  }

  readonly passkeys = (view: StepView): unknown => passkeys(view, this.#passkeys);
}
