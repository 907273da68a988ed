import { LitElement, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { amplifyAuthAdapter } from './amplify-auth-adapter.js';
import type { AuthAdapter, AuthChange, AuthTokens, CognitoConfig } from './auth-adapter.js';
import { resolveConfig, type AuthFlow, type ConfigResolution } from './auth-config.js';
import styles, { keyframes } from './custom-auth-login.styles.js';
import { emit, type AuthEventDetails, type AuthEventName } from './events.js';
import { styleLightDom } from './light-dom-styles.js';
import {
  initialFlowState,
  transition,
  type AuthCall,
  type AuthStep,
  type FlowEvent,
  type FlowState,
  type InputProblem,
} from './sign-in-flow.js';
import {
  findText,
  format,
  formatDuration,
  hasTexts,
  languageOf,
  loadTexts,
  textSources,
  type StringKey,
  type StringOverrides,
  type TextParams,
} from './strings.js';
import { Ticker, clock } from './ticker.js';

/** The form fields; each name is also the start of its part name. */
type Field = 'username' | 'password' | 'code';

/** What password managers and one-time-code autofill need to know about each field. */
const autocompleteOf: Readonly<Record<Field, AutoFill>> = {
  username: 'username',
  password: 'current-password',
  code: 'one-time-code',
};

/** The part that gets focus when a step is reached. */
const firstPartOf: Readonly<Record<AuthStep, string | undefined>> = {
  loading: undefined,
  username: 'username-input',
  challenge: 'code-input',
  'signed-in': 'signed-in-view',
};

/** Where a problem is fixed: its field is marked invalid and focused. */
const partOfProblem: Readonly<Record<string, string>> = {
  EmptySignInUsername: 'username-input',
  SignInUsernameTooLong: 'username-input',
  EmptySignInPassword: 'password-input',
  EmptyChallengeResponse: 'code-input',
  ChallengeResponseTooLong: 'code-input',
  IncorrectChallengeAnswer: 'code-input',
  // The code field is closed once the code expired: a new code is the way on.
  CodeExpired: 'resend-button',
};

function problemPart(name: string): string | undefined {
  return Object.hasOwn(partOfProblem, name) ? partOfProblem[name] : undefined;
}

/** Attributes that say which user pool to use: changing one starts over. */
const poolProperties = ['userPoolId', 'userPoolClientId', 'userPoolEndpoint', 'adapter'] as const;

/** `value` when it is a usable number of seconds, else `fallback`. */
const seconds = (value: number, fallback: number): number => (Number.isFinite(value) && value >= 0 ? value : fallback);

/** Numbers the ids of each element's content, which must be unique on the page when there is no shadow root. */
let instances = 0;

/**
 * A passwordless sign-in form for an Amazon Cognito user pool's custom authentication flow: the user gives a
 * username (and, in the SRP flow, a password), then answers the challenge the pool's triggers send, typically
 * a one-time code by email.
 *
 * @summary Sign-in form for Cognito's custom authentication flow (one-time codes), built on Amplify v6 Auth.
 *
 * @slot header - Shown above the form on every step.
 * @slot footer - Shown below the form on every step.
 * @slot signed-in - Replaces the default signed-in view (the `signed-in` part).
 *
 * @fires auth-step-change - The step changed. Detail: `{ step, previousStep, challengeParameters? }`.
 * @fires auth-signed-in - A user is signed in. Detail: `{ username, userId, loginId, restored }`; `loginId` is the
 *   name the user signs in with (their email), `username` Cognito's (a UUID in pools that sign in with email).
 * @fires auth-signed-out - The user signed out. Detail: `{ username }`.
 * @fires auth-error - Something failed; the `error` part explains it. Detail: `{ step, name, message }`.
 *
 * @csspart form - The form of the `username` and `challenge` steps.
 * @csspart username-input - The username field.
 * @csspart password-input - The password field (`custom-with-srp` flow only).
 * @csspart code-input - The field for the challenge answer.
 * @csspart submit-button - The button submitting the current form.
 * @csspart prompt - The question of the `challenge` step.
 * @csspart hint - The hints under the code field (its length, how long it stays valid).
 * @csspart resend-button - "Send a new code" on the `challenge` step, with its countdown.
 * @csspart restart-button - "Use a different username" on the `challenge` step.
 * @csspart error - Every failure message the user sees.
 * @csspart status - The live region announcing work in progress and a new code becoming available.
 * @csspart signed-in-view - The `signed-in` step: the `signed-in` slot or the default view.
 * @csspart signed-in - The default signed-in view.
 * @csspart sign-out-button - The sign-out button of the default signed-in view.
 *
 * @cssprop --cal-text-color - Text colour (default: near-black, near-white on dark schemes).
 * @cssprop --cal-background - Background of the element and its fields (white, dark grey on dark schemes).
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
    username: {},
    resendCooldown: { attribute: 'resend-cooldown', type: Number },
    codeLifetime: { attribute: 'code-lifetime', type: Number },
    noShadow: { attribute: 'no-shadow', type: Boolean },
    tokenStorage: { attribute: 'token-storage' },
    cookieDomain: { attribute: 'cookie-domain' },
    strings: { attribute: false },
    adapter: { attribute: false },
    // Internal state. `attribute: false` is what Lit implies for state; the manifest's analyzer needs it said.
    flow: { state: true, attribute: false },
    typed: { state: true, attribute: false },
    hasSignedInContent: { state: true, attribute: false },
  };

  /** The user pool id, e.g. `eu-west-1_AbC123`. Optional when the page already configured Amplify Auth. */
  declare userPoolId?: string;

  /** The app client id of the user pool. Optional when the page already configured Amplify Auth. */
  declare userPoolClientId?: string;

  /** An absolute URL to send Cognito requests to instead of AWS (a local endpoint or a proxy). */
  declare userPoolEndpoint?: string;

  /** `custom-without-srp` (username, then the challenge) or `custom-with-srp` (username and password first). */
  authFlow: AuthFlow = 'custom-without-srp';

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
   * Texts to show instead of the built-in ones: any subset, keyed like the English table (`username`,
   * `CodeExpired`, …) or by an error name the element reports (`NotAuthorizedException`, …).
   */
  strings: StringOverrides = {};

  /**
   * The auth library the element talks to. Defaults to Amplify v6 Auth; replace it to test the element or to
   * put another client behind it.
   */
  adapter: AuthAdapter = amplifyAuthAdapter;

  /** Where the sign-in stands. */
  private flow: FlowState = initialFlowState;

  /** What the user typed, kept across steps and failures so nothing is lost. */
  private typed: Readonly<Record<Field, string>> = { username: '', password: '', code: '' };

  /** The page supplied its own signed-in view. */
  private hasSignedInContent = false;

  /** Counts abandoned sign-ins: an answer to a call from an older one is dropped. */
  #generation = 0;

  /** The settings this element handed to the auth library, which it may therefore change again. */
  #applied?: CognitoConfig;

  /** Events waiting for the render that shows their state. */
  #events: Array<() => void> = [];

  /** The part that gets focus after the next render. */
  #focus?: string;

  /**
   * The SRP flow's password, kept (outside any rendered state) only while the challenge step is shown, so
   * that a new code can be requested without typing it again.
   */
  #password = '';

  /** When the current code was sent, on the clock's time. */
  #sentAt = 0;

  /** What the status region says while a call is in flight. */
  #activity: StringKey = 'loading';

  /** The language of the texts, and where they are looked up; both follow `lang` and `strings`. */
  #language = '';
  #texts = textSources('');

  /** Settles once the texts of the element's language have arrived (see {@link loadTexts}). */
  #textsArrived = Promise.resolve();

  readonly #idPrefix = `cal${++instances}-`;
  readonly #ticker = new Ticker(this);
  readonly #languageWatch = new MutationObserver(() => this.requestUpdate());
  #unlisten?: () => void;

  /**
   * The current step, reflected as the `step` attribute: `loading` (looking for a stored session), `username`,
   * `challenge` or `signed-in`. Read-only.
   */
  get step(): AuthStep {
    return this.flow.step;
  }

  /**
   * Signs the user out and returns to the first form. `global: true` also ends the user's sessions on other
   * devices. Does nothing unless a user is signed in.
   */
  async signOut({ global = false }: { global?: boolean } = {}): Promise<void> {
    const { step, busy, user } = this.flow;
    if (step !== 'signed-in' || busy) return;
    this.#start('signingOut');
    await this.#call(
      'signOut',
      () => this.adapter.signOut({ global }),
      () => this.#signedOut(user?.username),
    );
  }

  /** Abandons a sign-in in progress and goes back to the first form, keeping the username typed so far. */
  reset(): void {
    if (this.flow.step === 'loading' || this.flow.step === 'signed-in') return;
    this.#generation++;
    this.#dispatch({ type: 'reset' });
  }

  /**
   * The signed-in user's tokens, refreshed when needed: `{ idToken, accessToken, expiresAt }` (encoded JWTs and
   * epoch milliseconds), or `null` when nobody is signed in. Rejects with a `ConfigurationError` when the
   * element is not configured.
   */
  async fetchTokens(): Promise<AuthTokens | null> {
    const configuration = this.#configure();
    if (!configuration.ok) {
      const error = new Error(this.#text([configuration.problem], { value: configuration.value ?? '' }));
      error.name = 'ConfigurationError';
      throw error;
    }
    return this.adapter.fetchTokens();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A `lang` change on the element, an ancestor or the document switches the texts.
    for (const node of [this, document.documentElement]) {
      this.#languageWatch.observe(node, { attributeFilter: ['lang'], subtree: true });
    }
    // Moved elsewhere on the page: listen again (the first connection listens when it begins).
    if (this.hasUpdated) this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#languageWatch.disconnect();
    this.#unlisten?.();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (!this.noShadow) return super.createRenderRoot();
    styleLightDom(this);
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const language = languageOf(this);
    if (language !== this.#language && !hasTexts(language)) {
      // Shown in English (or, while loading, not at all) until the table arrives; then rendered again.
      this.#textsArrived = loadTexts(language).then(() => this.requestUpdate());
    }
    this.#language = language;
    this.#texts = textSources(this.#language, this.strings ?? {});
    if (changed.has('username')) this.#keep('username', this.username ?? '');
    if (!this.hasUpdated || poolProperties.some((name) => changed.has(name))) this.#begin();
    if (this.flow.step === 'challenge' && clock.now() >= this.#sentAt + this.#lifetime() * 1000) {
      this.#dispatch({ type: 'code-expired' });
    }
    this.setAttribute('step', this.flow.step);
  }

  protected override updated(): void {
    this.#ticker.run(this.flow.step === 'challenge' && this.flow.error?.name !== 'CodeExpired');

    const focus = this.#focus;
    this.#focus = undefined;
    if (focus) this.renderRoot.querySelector<HTMLElement>(`[part~="${focus}"]`)?.focus();

    const events = this.#events;
    this.#events = [];
    for (const fire of events) fire();
  }

  protected override render(): TemplateResult {
    const { error, step, busy, user } = this.flow;
    const cooldown = this.#cooldownLeft();
    // The session check waits for the page's language: no English status flashes up on a German page.
    const status = busy
      ? step === 'loading' && !hasTexts(this.#language)
        ? ''
        : this.#t(this.#activity)
      : step === 'challenge' && !cooldown
        ? this.#t('resendReady')
        : '';
    return html`
      <slot name="header"></slot>
      <div part="error" class="cal-error" role="alert" ?hidden=${!error}>
        ${error ? this.#text([error.reason, error.name], error.params) : nothing}
      </div>
      <div part="status" class="cal-status" role="status">${status}</div>
      ${step === 'username' || step === 'challenge' ? this.#renderForm(step === 'challenge', cooldown) : nothing}
      <div part="signed-in-view" class="cal-signed-in-view" tabindex="-1" ?hidden=${step !== 'signed-in'}>
        <slot name="signed-in" @slotchange=${this.#onSignedInSlotChange}></slot>
        ${
          step === 'signed-in' && !this.hasSignedInContent
            ? html`<div part="signed-in" class="cal-signed-in">
                <p>${this.#t('signedIn', { username: user?.loginId ?? user?.username ?? '' })}</p>
                <button
                  part="sign-out-button"
                  class="cal-sign-out-button"
                  type="button"
                  ?disabled=${busy}
                  @click=${() => this.signOut()}
                >
                  ${this.#t('signOut')}
                </button>
              </div>`
            : nothing
        }
      </div>
      <slot name="footer"></slot>
    `;
  }

  /** The form of the `username` step (`challenge` false) or of the `challenge` step. */
  #renderForm(challenge: boolean, cooldown: number): TemplateResult {
    const { busy } = this.flow;
    const withPassword = this.authFlow === 'custom-with-srp';
    return html`
      <form
        part="form"
        class="cal-form"
        novalidate
        aria-busy=${busy}
        @submit=${this.#onSubmit}
        @keydown=${this.#onKeyDown}
      >
        ${
          challenge
            ? this.#renderChallenge()
            : html`${this.#renderField('username')}${withPassword ? this.#renderField('password') : nothing}`
        }
        <button part="submit-button" class="cal-submit-button" type="submit" ?disabled=${busy || this.#expired()}>
          ${this.#t(challenge ? 'signIn' : 'sendCode')}
        </button>
        ${
          challenge
            ? html`<button
                  part="resend-button"
                  class="cal-resend-button"
                  type="button"
                  ?disabled=${busy || cooldown > 0}
                  @click=${this.#signIn}
                >
                  ${cooldown > 0 ? this.#t('resendIn', { seconds: cooldown }) : this.#t('resend')}
                </button>
                <button part="restart-button" class="cal-restart-button" type="button" @click=${this.reset}>
                  ${this.#t('otherUsername')}
                </button>`
            : nothing
        }
      </form>
    `;
  }

  /** The question, the code field and its hints. A `prompt` challenge parameter replaces the question. */
  #renderChallenge(): TemplateResult {
    const { prompt, destination, codeLength = '' } = this.flow.challengeParameters ?? {};
    const lengthHint = /^\d+$/.test(codeLength);
    const ids = ['prompt', 'lifetime', ...(lengthHint ? ['length'] : [])].map((name) => this.#idPrefix + name);
    return html`
      <p part="prompt" class="cal-prompt" id=${ids[0]}>
        ${prompt || (destination ? this.#t('prompt', { destination }) : this.#t('promptAnywhere'))}
      </p>
      ${this.#renderField('code', ids.join(' '))}
      ${lengthHint ? html`<p part="hint" class="cal-hint" id=${ids[2]}>${this.#t('codeLength', { codeLength })}</p>` : nothing}
      <p part="hint" class="cal-hint" id=${ids[1]}>
        ${this.#t('lifetime', { duration: formatDuration(this.#lifetime(), this.#language) })}
      </p>
    `;
  }

  /** A labelled input keeping what the user typed; its name is the field's, its part `<name>-input`. */
  #renderField(name: Field, describedBy?: string): TemplateResult {
    const id = this.#idPrefix + name;
    const invalid = !!this.flow.error && problemPart(this.flow.error.name) === `${name}-input`;
    return html`
      <label for=${id}>${this.#t(name)}</label>
      <input
        id=${id}
        name=${name}
        part="${name}-input"
        class="cal-${name}-input"
        type=${name === 'password' ? 'password' : 'text'}
        .autocomplete=${autocompleteOf[name]}
        inputmode=${name === 'code' && this.#numeric() ? 'numeric' : nothing}
        autocapitalize="none"
        spellcheck="false"
        required
        aria-describedby=${describedBy ?? nothing}
        aria-invalid=${invalid}
        ?disabled=${name === 'code' && this.#expired()}
        .value=${this.typed[name]}
        @input=${(event: InputEvent) => this.#keep(name, (event.target as HTMLInputElement).value)}
      />
    `;
  }

  /** The text for the first of `keys` the overrides, the language or English have (else the generic error). */
  #text(keys: readonly string[], params?: TextParams): string {
    return format(findText(this.#texts, keys) ?? findText(this.#texts, ['UnknownError'])!, params);
  }

  #t(key: StringKey, params?: TextParams): string {
    return this.#text([key], params);
  }

  /** Whether the answer is a number (the default), so the code field brings up a digit keyboard. */
  #numeric(): boolean {
    return this.flow.challengeParameters?.answerType !== 'text';
  }

  /** Seconds a code stays valid. */
  #lifetime(): number {
    return seconds(this.codeLifetime, 180);
  }

  #expired(): boolean {
    return this.flow.error?.name === 'CodeExpired';
  }

  /** Whole seconds until a new code may be requested; 0 once it may (or once the code expired). */
  #cooldownLeft(): number {
    const left = Math.ceil((this.#sentAt + seconds(this.resendCooldown, 30) * 1000 - clock.now()) / 1000);
    return this.#expired() ? 0 : Math.max(0, left);
  }

  #onSignedInSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.hasSignedInContent = slot.assignedNodes({ flatten: true }).length > 0;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    // The button is disabled while busy, but only after the next render: a double click lands before that.
    if (this.flow.busy) return;
    if (this.flow.step === 'username') void this.#signIn();
    else if (this.flow.step === 'challenge') void this.#answer();
  }

  /** Escape on the challenge step: use a different username. */
  #onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.flow.step === 'challenge') this.reset();
  }

  /** Applies the configuration and looks for a stored session: the start of every element and every pool change. */
  #begin(): void {
    this.#generation++;
    this.#listen();
    if (!this.#ensureConfigured()) return;
    this.#activity = 'loading';
    this.#dispatch({ type: 'restoring' });
    this.#loadUser(true);
  }

  /** Starts a sign-in from the first form, or again for the same user when a new code is wanted. */
  async #signIn(): Promise<void> {
    const configuration = this.#ensureConfigured();
    if (!configuration) return;
    const { authFlowType } = configuration;
    const withPassword = authFlowType === 'CUSTOM_WITH_SRP';
    const username = this.typed.username.trim();
    const password = this.flow.step === 'challenge' ? this.#password : this.typed.password;
    if (!username) return this.#refuse('EmptySignInUsername');
    if ([...username].length > 128) return this.#refuse('SignInUsernameTooLong', 128);
    if (withPassword && !password) return this.#refuse('EmptySignInPassword');

    this.#keep('username', username);
    this.#start('sending');
    await this.#call(
      'signIn',
      () => this.adapter.signIn({ username, authFlowType, ...(withPassword ? { password } : {}) }),
      (result) => this.#dispatch({ type: 'answered', call: 'signIn', result }),
    );
  }

  async #answer(): Promise<void> {
    const trimmed = this.typed.code.trim();
    // Codes are often read out or pasted in groups: "123 456", "123-456".
    const answer = this.#numeric() ? trimmed.replace(/[\s-]/g, '') : trimmed;
    if (!answer) return this.#refuse('EmptyChallengeResponse');
    if ([...answer].length > 64) return this.#refuse('ChallengeResponseTooLong', 64);
    this.#keep('code', answer);
    this.#start('checking');
    await this.#call(
      'confirmSignIn',
      () => this.adapter.confirmSignIn(answer),
      (result) => this.#dispatch({ type: 'answered', call: 'confirmSignIn', result }),
    );
  }

  /** Input that cannot be right: say so instead of calling. */
  #refuse(name: InputProblem, max?: number): void {
    this.#dispatch({ type: 'input-invalid', name, ...(max ? { params: { max } } : {}) });
  }

  /** Marks a call in flight; the status region says what it is doing. */
  #start(activity: StringKey): void {
    this.#activity = activity;
    this.#dispatch({ type: 'call-started' });
  }

  /**
   * Finds out who the stored tokens belong to, then shows them signed in. Either way the outcome waits for the
   * texts of the element's language, so the step that follows the session check shows up in it straight away.
   */
  #loadUser(restored: boolean, moveFocus = true): void {
    void this.#call(
      'getCurrentUser',
      async () => {
        try {
          return await this.adapter.getCurrentUser();
        } finally {
          await this.#textsArrived;
        }
      },
      (user) => this.#dispatch({ type: 'user-found', user, restored }, moveFocus),
    );
  }

  #signedOut(username = '', moveFocus = true): void {
    this.#dispatch({ type: 'signed-out' }, moveFocus);
    this.#queueEvent('auth-signed-out', { username });
  }

  /** Follows sign-ins and sign-outs made elsewhere on the page (another element, the page's own code). */
  #listen(): void {
    this.#unlisten?.();
    this.#unlisten = this.adapter.listen((change: AuthChange) => {
      const { step, busy, user } = this.flow;
      // While busy, the element's own call is the cause and reports the outcome itself. The page's focus
      // stays where the user is.
      if (busy) return;
      if (change === 'signedIn' && step !== 'signed-in') {
        this.#generation++;
        this.#loadUser(true, false);
      } else if (change === 'signedOut' && step === 'signed-in') {
        this.#signedOut(user?.username, false);
      }
    });
  }

  /**
   * Makes one auth library call and hands its answer to `onAnswer`, or its failure to the state machine,
   * unless the sign-in was abandoned meanwhile.
   */
  async #call<T>(name: AuthCall, request: () => Promise<T>, onAnswer: (answer: T) => void): Promise<void> {
    const generation = this.#generation;
    let answer: T;
    try {
      answer = await request();
    } catch (error) {
      if (generation === this.#generation) this.#dispatch({ type: 'failed', call: name, error });
      return;
    }
    if (generation === this.#generation) onAnswer(answer);
  }

  /** Validates the configuration attributes and, when they say so, applies them to the auth library. */
  #configure(): ConfigResolution {
    const resolution = resolveConfig(
      {
        userPoolId: this.userPoolId,
        userPoolClientId: this.userPoolClientId,
        userPoolEndpoint: this.userPoolEndpoint,
        authFlow: this.authFlow,
      },
      this.adapter.authConfig(),
      this.#applied,
    );
    if (resolution.ok && resolution.config) {
      try {
        const kind = this.tokenStorage;
        const storage =
          kind === 'local' || kind === 'session' || kind === 'cookie'
            ? { kind, ...(this.cookieDomain ? { cookieDomain: this.cookieDomain } : {}) }
            : undefined;
        this.adapter.configure(resolution.config, storage);
      } catch {
        return { ok: false, problem: 'ConfigurationRejected' };
      }
      this.#applied = resolution.config;
    }
    return resolution;
  }

  /** {@link #configure}, showing the problem when there is one. */
  #ensureConfigured(): Extract<ConfigResolution, { ok: true }> | undefined {
    const resolution = this.#configure();
    if (resolution.ok) return resolution;
    const params = resolution.value === undefined ? undefined : { value: resolution.value };
    this.#dispatch({ type: 'config-invalid', reason: resolution.problem, params });
    return undefined;
  }

  /** Moves the state machine on and lines up what follows from the change: fields, focus, events, effects. */
  #dispatch(event: FlowEvent, moveFocus = true): void {
    const previous = this.flow;
    const { state: next, effect } = transition(previous, event);
    this.flow = next;
    if (event.type === 'answered' && event.call === 'signIn' && next.step === 'challenge') this.#sentAt = clock.now();
    this.#updateFields(previous, next);
    if (moveFocus) this.#focus = this.#focusTarget(previous, next) ?? this.#focus;
    this.#queueEvents(previous, next);
    if (effect) this.#loadUser(effect.restored);
  }

  /** Remembers what the user typed into `field`. */
  #keep(field: Field, value: string): void {
    this.typed = { ...this.typed, [field]: value };
  }

  /**
   * A new challenge round wants a new code. The password moves out of the form's state while the challenge
   * is shown (for a new code) and is forgotten when it is left; once signed in, every secret typed is dropped.
   */
  #updateFields(previous: FlowState, next: FlowState): void {
    const toChallenge = next.step === 'challenge';
    if (toChallenge && next.challengeParameters !== previous.challengeParameters) this.#keep('code', '');
    if (toChallenge && previous.step !== 'challenge') {
      this.#password = this.typed.password;
      this.#keep('password', '');
    }
    if (!toChallenge) this.#password = '';
    if (next.step === 'signed-in') this.typed = { ...this.typed, password: '', code: '' };
  }

  #focusTarget(previous: FlowState, next: FlowState): string | undefined {
    if (next.busy) return undefined;
    // Reaching the first step from the initial session check is not the user's doing: leave the page's focus be.
    if (next.step !== previous.step) return previous.step === 'loading' ? undefined : firstPartOf[next.step];
    if (next.error && next.error !== previous.error) {
      return problemPart(next.error.name) ?? firstPartOf[next.step];
    }
    // A new round: the field waits for the new code.
    return next.challengeParameters === previous.challengeParameters ? undefined : firstPartOf[next.step];
  }

  #queueEvents(previous: FlowState, next: FlowState): void {
    if (next.step !== previous.step) {
      const challengeParameters = next.step === 'challenge' ? { challengeParameters: next.challengeParameters } : {};
      this.#queueEvent('auth-step-change', { step: next.step, previousStep: previous.step, ...challengeParameters });
    }
    if (next.step === 'signed-in' && previous.step !== 'signed-in' && next.user) {
      const { username, userId, loginId = username } = next.user;
      this.#queueEvent('auth-signed-in', { username, userId, loginId, restored: next.restored ?? false });
    }
    if (next.error && next.error !== previous.error) {
      const { step, name, message, reason, params } = next.error;
      this.#queueEvent('auth-error', { step, name, message: message ?? this.#text([reason, name], params) });
    }
  }

  #queueEvent<Name extends AuthEventName>(name: Name, detail: AuthEventDetails[Name]): void {
    this.#events.push(() => emit(this, name, detail));
  }
}
