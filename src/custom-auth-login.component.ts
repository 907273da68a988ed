import { LitElement, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import type { AuthAdapter, AuthTokens, FirstFactor } from './auth-adapter.js';
import type { AuthFlow } from './auth-config.js';
import { AuthCalls } from './auth-calls.js';
import { AfterRender } from './controllers/after-render.js';
import { CodeTimer } from './controllers/code-timer.js';
import { LanguageController } from './controllers/language-controller.js';
import { Session } from './controllers/session.js';
import { SignInLinkController } from './controllers/sign-in-link.js';
import { SignUpController } from './controllers/sign-up.js';
import { UserAuthController } from './controllers/user-auth.js';
import { ElementConfiguration } from './element-configuration.js';
import { lazyAuthAdapter } from './lazy-auth-adapter.js';
import styles, { keyframes } from './custom-auth-login.styles.js';
import { styleLightDom } from './light-dom-styles.js';
import { emptyFields, eventsDue, fieldsAfter, focusAfter, type Field, type Fields } from './sign-in-follow-ups.js';
import {
  initialFlowState,
  statusOf,
  transition,
  type AuthCall,
  type AuthStep,
  type FlowError,
  type FlowEvent,
  type FlowState,
} from './sign-in-flow.js';
import { answerProblem, isNumericAnswer, normalizeAnswer, signInProblem, signInRequest } from './sign-in-input.js';
import { frame } from './steps/frame.js';
import { type StringKey, type StringOverrides, type TextParams } from './strings.js';

/** Attributes that say which user pool to use: changing one starts over. */
const poolProperties = ['userPoolId', 'userPoolClientId', 'userPoolEndpoint', 'adapter'] as const;

/** Numbers the ids of each element's content, which must be unique on the page when there is no shadow root. */
let instances = 0;

/**
 * A passwordless sign-in form for an Amazon Cognito user pool's custom authentication flow: the user gives a
 * username (and, in the SRP flow, a password), then answers the challenge the pool's triggers send, typically
 * a one-time code by email. With `auth-flow="user-auth"` it uses Cognito's own passwordless sign-in instead:
 * codes by email or SMS, and passkeys.
 *
 * @summary Sign-in form for Cognito's custom authentication flow (one-time codes), built on Amplify v6 Auth.
 *
 * @slot header - Shown above the form on every step.
 * @slot footer - Shown below the form on every step.
 * @slot signed-in - Replaces the default signed-in view (the `signed-in` part).
 *
 * @fires auth-step-change - The step changed. Detail: `{ step, previousStep, challengeParameters? }`.
 * @fires auth-signed-in - A user is signed in. Detail: `{ username, userId, loginId, restored, newUser, link? }`;
 *   `loginId` is the name the user signs in with (their email), `username` Cognito's (a UUID in pools that sign in
 *   with email); `newUser` is true when a sign-up on the `sign-up` step created the account; `link: true` when a
 *   sign-in link made the session.
 * @fires auth-signed-out - The user signed out. Detail: `{ username }`.
 * @fires auth-error - Something failed; the `error` part explains it. Detail: `{ step, name, message }`.
 *
 * @csspart form - The form of the `username`, `sign-up` and `challenge` steps.
 * @csspart username-input - The username field (on the `sign-up` step, the email address).
 * @csspart password-input - The password field (`custom-with-srp` flow only).
 * @csspart code-input - The field for the challenge answer.
 * @csspart submit-button - The button submitting the current form.
 * @csspart prompt - The question of the `challenge` and `choose` steps (and the passkeys' heading).
 * @csspart method-button - Each first factor on the `choose` step (`user-auth`); `data-method` names it
 *   (`EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`).
 * @csspart hint - The hints under the code field (its length, how long it stays valid).
 * @csspart resend-button - "Send a new code" on the `challenge` step, with its countdown.
 * @csspart restart-button - "Use a different username" on the `challenge` and `choose` steps.
 * @csspart to-sign-up-button - "Create an account" on the `username` step (with `sign-up`).
 * @csspart to-sign-in-button - "I already have an account" on the `sign-up` step.
 * @csspart attribute-input - Each extra field of the `sign-up` step (`sign-up-attributes`).
 * @csspart error - Every failure message the user sees.
 * @csspart status - The live region announcing work in progress and a new code becoming available.
 * @csspart signed-in-view - The `signed-in` step: the `signed-in` slot or the default view.
 * @csspart signed-in - The default signed-in view.
 * @csspart sign-out-button - The sign-out button of the default signed-in view.
 * @csspart passkeys - The passkeys of the default signed-in view (`user-auth`, browsers with passkeys).
 * @csspart passkey-list - The list of the signed-in user's passkeys.
 * @csspart delete-passkey-button - The delete button of each passkey in the list.
 * @csspart add-passkey-button - "Add a passkey", which runs the browser's passkey registration.
 * @csspart passkey-error - Why loading, adding or deleting a passkey failed.
 * @csspart passkey-retry-button - "Try again" after such a failure.
 *
 * @cssprop --cal-text-color - Text colour (default: near-black, near-white under `color-scheme: dark`).
 * @cssprop --cal-background - Background of the element and its fields (white, dark grey under `color-scheme: dark`).
 * @cssprop --cal-accent - Buttons, links and the focus ring.
 * @cssprop --cal-accent-text - Text on accent-coloured buttons.
 * @cssprop --cal-error-color - Colour of the error message.
 * @cssprop --cal-border-color - Borders of the element and its fields.
 * @cssprop --cal-font-family - Font family (default: the system font).
 * @cssprop --cal-font-size - Base font size (default 1rem); everything else scales with it.
 * @cssprop --cal-radius - Corner radius of the element, its fields and buttons.
 * @cssprop --cal-spacing - Space between rows; the padding is one and a half times this.
 * @cssprop --cal-focus-ring - The `outline` of whatever has keyboard focus (default `2px solid` accent).
 */
export class CustomAuthLogin extends LitElement {
  // Our own constant CSS text, so there is nothing unsafe to guard against.
  static override styles = unsafeCSS(styles + keyframes);

  // The reactive properties and their attributes, declared here rather than with decorators, whose helpers
  // would add some 0.7 KB gzip to every page. The fields below carry each one's type and documentation.
  static override properties = {
    userPoolId: { attribute: 'user-pool-id' },
    userPoolClientId: { attribute: 'user-pool-client-id' },
    userPoolEndpoint: { attribute: 'user-pool-endpoint' },
    authFlow: { attribute: 'auth-flow' },
    preferredChallenge: { attribute: 'preferred-challenge' },
    username: {},
    resendCooldown: { attribute: 'resend-cooldown', type: Number },
    codeLifetime: { attribute: 'code-lifetime', type: Number },
    noShadow: { attribute: 'no-shadow', type: Boolean },
    tokenStorage: { attribute: 'token-storage' },
    cookieDomain: { attribute: 'cookie-domain' },
    signUp: { attribute: 'sign-up', type: Boolean },
    signUpAttributes: { attribute: 'sign-up-attributes' },
    signInLink: { attribute: 'sign-in-link' },
    strings: { attribute: false },
    adapter: { attribute: false },
    // Internal state. `attribute: false` is what Lit implies for state; the manifest's analyzer needs it said.
    flow: { state: true, attribute: false },
    fields: { state: true, attribute: false },
    hasSignedInContent: { state: true, attribute: false },
  };

  /** The user pool id, e.g. `eu-west-1_AbC123`. Optional when the page already configured Amplify Auth. */
  declare userPoolId?: string;

  /** The app client id of the user pool. Optional when the page already configured Amplify Auth. */
  declare userPoolClientId?: string;

  /** An absolute URL to send Cognito requests to instead of AWS (a local endpoint or a proxy). */
  declare userPoolEndpoint?: string;

  /**
   * `custom-without-srp` (username, then the challenge), `custom-with-srp` (username and password first) or
   * `user-auth` (Cognito's own passwordless sign-in: a code by email or SMS, or a passkey, as the pool allows;
   * loads its code when set). See docs/user-auth.md.
   */
  authFlow: AuthFlow = 'custom-without-srp';

  /**
   * With `auth-flow="user-auth"`: the first factor to use without asking, when the pool offers it to the user:
   * `EMAIL_OTP`, `SMS_OTP` or `WEB_AUTHN` (a passkey). Unset, or when it is not offered, the `choose` step lists
   * what is.
   */
  declare preferredChallenge?: FirstFactor;

  /** A username to prefill. */
  username = '';

  /** Seconds after a code is sent before "Send a new code" is offered. */
  resendCooldown = 30;

  /** Seconds a code stays valid (the pool's session lifetime); the element closes the code field after that. */
  codeLifetime = 180;

  /**
   * Render into the element itself instead of a shadow root, so password managers that cannot see into
   * shadow roots find the form. Read once, when the element first connects. Slots do not work then.
   */
  noShadow = false;

  /**
   * Where Amplify keeps the tokens when the element configures it: `local` (localStorage), `session`
   * (sessionStorage, gone with the tab) or `cookie` (Secure, SameSite=Strict cookies). Unset, the element leaves
   * the storage alone: Amplify's default (localStorage) or whatever the page chose with `setKeyValueStorage`.
   * Read when the element configures Amplify; other values are ignored. See docs/security.md for the trade-offs.
   */
  declare tokenStorage?: 'local' | 'session' | 'cookie';

  /** For `token-storage="cookie"`: the cookies' domain, e.g. `example.com` to share the session with subdomains. */
  declare cookieDomain?: string;

  /**
   * Offer new users a sign-up form (the `sign-up` step): their email address, then the code sent to it, as for a
   * sign-in. Loads the sign-up code when set. The pool must take sign-ups (see docs/backend.md); with
   * `auth-flow="custom-with-srp"` the form is not offered.
   */
  signUp = false;

  /**
   * User attributes the sign-up form also asks for, separated by spaces: `name`, `given_name`, `family_name`,
   * `nickname` (others are ignored). The app client must be allowed to write them.
   */
  declare signUpAttributes?: string;

  /**
   * `off` leaves sign-in links alone. Otherwise, when the page opens with a link's token as its fragment
   * (`#cal1.…`, emailed by a backend with link pages), or an open page's fragment becomes one (the link opened in
   * its tab), the element takes the fragment out of the address and signs in with it, unless someone is signed in
   * already. Read when the element connects and when the fragment changes.
   */
  declare signInLink?: 'off';

  /**
   * Texts to show instead of the built-in ones: any subset, keyed like the English table (`username`,
   * `CodeExpired`, …) or by an error name the element reports (`NotAuthorizedException`, …).
   */
  strings: StringOverrides = {};

  /**
   * The auth library the element talks to. Defaults to Amplify v6 Auth; replace it to test the element or to
   * put another client behind it.
   */
  adapter: AuthAdapter = lazyAuthAdapter;

  /** Where the sign-in stands. */
  private flow: FlowState = initialFlowState;

  /** What the user typed (and the SRP password held for a new code). */
  private fields: Fields = emptyFields;

  /** The page supplied its own signed-in view. */
  private hasSignedInContent = false;

  readonly #idPrefix = `cal${++instances}-`;
  readonly #calls = new AuthCalls(
    (event) => this.#dispatch(event),
    () => this.adapter.pending?.(),
  );
  readonly #language = new LanguageController(this, () => this.strings);
  readonly #configuration = new ElementConfiguration(
    this,
    (event) => this.#dispatch(event),
    (keys, params) => this.#language.text(keys, params),
  );
  readonly #timer = new CodeTimer(this, () => this.flow);
  readonly #afterRender = new AfterRender(this);

  /** What step templates bind (made once, so listeners stay the same across renders) and controllers may do. */
  readonly #actions = {
    t: (key: StringKey, params?: TextParams) => this.#language.t(key, params),
    keep: (field: Field | string, value: string) => this.#keep(field, value),
    submit: (event: SubmitEvent) => this.#onSubmit(event),
    keydown: (event: KeyboardEvent) => event.key === 'Escape' && this.reset(),
    resend: () => void this.#signIn(),
    reset: () => this.reset(),
    signOut: () => void this.signOut(),
    confirm: (call: AuthCall, response: string) => void this.#userAuth.confirm(call, response),
    show: (step: 'username' | 'sign-up') => this.#dispatch({ type: 'show', step }),
    slotchange: ({ target }: Event) => {
      this.hasSignedInContent = (target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
    },
    flow: () => this.flow,
    fields: () => this.fields,
    calls: this.#calls,
    dispatch: (event: FlowEvent, moveFocus?: boolean) => this.#dispatch(event, moveFocus),
    configured: () => !!this.#configuration.ensure(),
  };

  readonly #session = new Session(this, this.#actions, () => this.#language.arrived);
  readonly #signUp = new SignUpController(this, this.#actions);
  readonly #userAuth = new UserAuthController(this, this.#actions);

  constructor() {
    super();
    // Nothing to ask of it: it follows the address and the state by itself.
    this.addController(new SignInLinkController(this, this.#actions));
  }

  /**
   * The current step, reflected as the `step` attribute: `loading` (looking for a stored session), `username`,
   * `sign-up` (with the `sign-up` attribute), `choose` (with `auth-flow="user-auth"`), `challenge` or
   * `signed-in`. Read-only.
   */
  get step(): AuthStep {
    return this.flow.step;
  }

  /**
   * Signs the user out and returns to the first form. `global: true` also ends the user's sessions on other
   * devices. Does nothing unless a user is signed in.
   */
  async signOut({ global = false }: { global?: boolean } = {}): Promise<void> {
    const { step, busy } = this.flow;
    if (step !== 'signed-in' || busy) return;
    await this.#calls.run(
      'signOut',
      () => this.adapter.signOut({ global }),
      () => this.#dispatch({ type: 'signed-out' }),
    );
  }

  /** Abandons a sign-in in progress and goes back to the first form, keeping the username typed so far. */
  reset(): void {
    if (this.flow.step === 'loading' || this.flow.step === 'signed-in') return;
    this.#calls.abandon();
    this.#dispatch({ type: 'reset' });
  }

  /**
   * The signed-in user's tokens, refreshed when needed: `{ idToken, accessToken, expiresAt }` (encoded JWTs and
   * epoch milliseconds), or `null` when nobody is signed in. Rejects with a `ConfigurationError` when the
   * element is not configured.
   */
  async fetchTokens(): Promise<AuthTokens | null> {
    const error = await this.#configuration.error();
    if (error) throw error;
    return this.adapter.fetchTokens();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (!this.noShadow) return super.createRenderRoot();
    styleLightDom(this);
    return this;
  }

  // `update` rather than `willUpdate`: it runs after the controllers' `hostUpdate`, so the texts are current.
  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('username')) this.#keep('username', this.username ?? '');
    if (!this.hasUpdated || poolProperties.some((name) => changed.has(name))) this.#session.begin();
    if (this.#timer.outlived) this.#dispatch({ type: 'code-expired' });
    this.setAttribute('step', this.flow.step);
    super.update(changed);
  }

  protected override render(): TemplateResult {
    const { error, step, busy } = this.flow;
    const times = this.#timer.times();
    // The session check waits for the page's language: no English status flashes up on a German page.
    const status =
      busy && step === 'loading' && !this.#language.ready ? undefined : statusOf(this.flow, !times.cooldown);
    return frame({
      ...this.#actions,
      ...times,
      flow: this.flow,
      authFlow: this.authFlow,
      fields: this.fields,
      idPrefix: this.#idPrefix,
      language: this.#language.spoken,
      signUp: this.#signUp.chunk,
      signUpAttributes: this.signUpAttributes,
      userAuth: this.#userAuth.chunk,
      errorText: error ? this.#describe(error) : '',
      status: status ? this.#language.text([status]) : '',
      hasSignedInContent: this.hasSignedInContent,
    });
  }

  /** The text shown for `error`. */
  readonly #describe = ({ reason, name, params }: FlowError): string =>
    this.#language.text([reason ?? name, name], params);

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    // The button is disabled while busy, but only after the next render: a double click lands before that.
    // The forms are those of the username, sign-up and challenge steps.
    const { step, busy } = this.flow;
    if (!busy)
      void (step === 'challenge' ? this.#answer() : step === 'sign-up' ? this.#signUp.submit() : this.#signIn());
  }

  /** Starts a sign-in from the first form, or again for the same user when a new code is wanted. */
  async #signIn(): Promise<void> {
    const { authFlowType } = this.#configuration.ensure() ?? {};
    if (!authFlowType) return;
    const withPassword = authFlowType === 'CUSTOM_WITH_SRP';
    const request = signInRequest(this.fields, this.flow.step, withPassword);
    const problem = signInProblem(request, withPassword);
    if (problem) return this.#dispatch(problem);
    this.#keep('username', request.username);
    const input = { ...request, authFlowType, ...this.#userAuth.signInOptions() };
    const preferred = this.preferredChallenge;
    const signIn = () => this.#userAuth.whenLoaded(() => this.adapter.signIn(input));
    await this.#calls.advance('signIn', signIn, { preferred });
  }

  async #answer(): Promise<void> {
    const answer = normalizeAnswer(this.fields.code, isNumericAnswer(this.flow.challengeParameters));
    const problem = answerProblem(answer);
    if (problem) return this.#dispatch(problem);
    this.#keep('code', answer);
    const preferred = this.preferredChallenge;
    await this.#calls.advance('confirmSignIn', () => this.adapter.confirmSignIn(answer), { preferred });
  }

  /** Moves the state machine on and lines up what follows from the move: fields, focus, events, effects. */
  #dispatch(event: FlowEvent, moveFocus = true): void {
    const previous = this.flow;
    const { state: next, effect } = transition(previous, event);
    this.flow = next;
    this.fields = fieldsAfter(previous, next, this.fields);
    const events = eventsDue(previous, next, this.#describe);
    this.#afterRender.queue(events, moveFocus ? focusAfter(previous, next) : undefined);
    if (effect?.type === 'sign-in') void this.#signIn();
    else if (effect?.type === 'confirm') void this.#userAuth.confirm(effect.call, effect.response);
    else if (effect?.type === 'sign-up') void this.#signUp.submit(effect.call);
    else if (effect) void this.#session.loadUser(effect.restored);
  }

  /** Remembers what the user typed into `field`. */
  #keep(field: Field | string, value: string): void {
    this.fields = { ...this.fields, [field]: value };
  }
}
