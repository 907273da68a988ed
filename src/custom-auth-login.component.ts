import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { amplifyAuthAdapter } from './amplify-auth-adapter.js';
import type { AuthAdapter, AuthTokens } from './auth-adapter.js';
import { resolveConfig, type AuthFlow, type ConfigResolution } from './auth-config.js';
import styles from './custom-auth-login.styles.js';
import { emit, type AuthEventDetails, type AuthEventName } from './events.js';
import {
  initialFlowState,
  transition,
  type AuthCall,
  type AuthStep,
  type FlowError,
  type FlowEvent,
  type FlowState,
} from './sign-in-flow.js';
import { errorTextKey, text, type StringKey } from './strings.js';

/** The form fields; each name is also the input's id and the start of its part name. */
type Field = 'username' | 'password' | 'code';

/** What the browser, password managers and one-time-code autofill need to know about each field. */
const fieldSpecs: Readonly<
  Record<Field, { label: StringKey; type: 'text' | 'password'; autocomplete: AutoFill; inputMode?: 'numeric' }>
> = {
  username: { label: 'username.label', type: 'text', autocomplete: 'username' },
  password: { label: 'password.label', type: 'password', autocomplete: 'current-password' },
  // No length limit: it would cut off a pasted code with spaces around it.
  code: { label: 'code.label', type: 'text', autocomplete: 'one-time-code', inputMode: 'numeric' },
};

/** The focusable targets the element moves focus to, by their id in the shadow root. */
type FocusTarget = Field | 'signed-in';

const firstFieldOf: Readonly<Record<AuthStep, FocusTarget | undefined>> = {
  loading: undefined,
  username: 'username',
  challenge: 'code',
  'signed-in': 'signed-in',
};

/** What the live region says while a call of each step is in flight. */
const busyStatusOf: Readonly<Record<AuthStep, StringKey>> = {
  loading: 'status.loading',
  username: 'status.starting',
  challenge: 'status.checking-code',
  'signed-in': 'status.signing-out',
};

/** Attributes that say which user pool to use: changing one starts over. */
const poolProperties = ['userPoolId', 'userPoolClientId', 'userPoolEndpoint', 'adapter'] as const;

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
 * @fires auth-signed-in - A user is signed in. Detail: `{ username, userId, restored }`.
 * @fires auth-signed-out - The user signed out. Detail: `{ username }`.
 * @fires auth-error - Something failed; the `error` part explains it. Detail: `{ step, name, message }`.
 *
 * @csspart form - The form of the `username` and `challenge` steps.
 * @csspart username-input - The username field.
 * @csspart password-input - The password field (`custom-with-srp` flow only).
 * @csspart code-input - The field for the challenge answer.
 * @csspart submit-button - The button submitting the current form.
 * @csspart restart-button - The "Start over" button of the `challenge` step.
 * @csspart error - Every failure message the user sees.
 * @csspart status - The live region announcing work in progress.
 * @csspart signed-in - The default signed-in view.
 * @csspart sign-out-button - The sign-out button of the default signed-in view.
 *
 * @cssprop --custom-auth-login-accent - Button background and outline colour.
 * @cssprop --custom-auth-login-accent-text - Text colour on accent buttons.
 * @cssprop --custom-auth-login-error-color - Colour of the error message.
 * @cssprop --custom-auth-login-radius - Corner radius of fields and buttons.
 * @cssprop --custom-auth-login-gap - Space between the form's rows.
 */
export class CustomAuthLogin extends LitElement {
  static override styles = styles;

  /** The user pool id, e.g. `eu-west-1_AbC123`. Optional when the page already configured Amplify Auth. */
  @property({ attribute: 'user-pool-id' }) userPoolId?: string;

  /** The app client id of the user pool. Optional when the page already configured Amplify Auth. */
  @property({ attribute: 'user-pool-client-id' }) userPoolClientId?: string;

  /** An absolute URL to send Cognito requests to instead of AWS (a local endpoint or a proxy). */
  @property({ attribute: 'user-pool-endpoint' }) userPoolEndpoint?: string;

  /** `custom-without-srp` (username, then the challenge) or `custom-with-srp` (username and password first). */
  @property({ attribute: 'auth-flow' }) authFlow: AuthFlow = 'custom-without-srp';

  /** A username to prefill. */
  @property() username = '';

  /**
   * The auth library the element talks to. Defaults to Amplify v6 Auth; replace it to test the element or to
   * put another client behind it.
   */
  @property({ attribute: false }) adapter: AuthAdapter = amplifyAuthAdapter;

  /** Where the sign-in stands. */
  @state() private flow: FlowState = initialFlowState;

  /** What the user typed, kept across steps and failures so nothing is lost. */
  @state() private typed: Readonly<Record<Field, string>> = { username: '', password: '', code: '' };

  /** The page supplied its own signed-in view. */
  @state() private hasSignedInContent = false;

  /** Counts abandoned sign-ins: an answer to a call from an older one is dropped. */
  private generation = 0;

  /** The settings last handed to the auth library, so they are applied once. */
  private appliedConfig?: string;

  /** Events waiting for the render that shows their state. */
  private pendingEvents: Array<() => void> = [];

  /** Where focus goes after the next render. */
  private pendingFocus?: FocusTarget;

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
    this.dispatch({ type: 'call-started' });
    await this.call(
      'signOut',
      () => this.adapter.signOut({ global }),
      () => {
        this.dispatch({ type: 'signed-out' });
        this.queueEvent('auth-signed-out', { username: user?.username ?? '' });
      },
    );
  }

  /** Abandons a sign-in in progress and goes back to the first form, keeping the username typed so far. */
  reset(): void {
    if (this.flow.step === 'loading' || this.flow.step === 'signed-in') return;
    this.generation++;
    this.dispatch({ type: 'reset' });
  }

  /**
   * The signed-in user's tokens, refreshed when needed: `{ idToken, accessToken, expiresAt }` (encoded JWTs and
   * epoch milliseconds), or `null` when nobody is signed in. Rejects with a `ConfigurationError` when the
   * element is not configured.
   */
  async fetchTokens(): Promise<AuthTokens | null> {
    const configuration = this.configureAdapter();
    if (!configuration.ok) {
      const error = new Error(text(errorTextKey(configuration.problem), { value: configuration.value ?? '' }));
      error.name = 'ConfigurationError';
      throw error;
    }
    return this.adapter.fetchTokens();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('username')) this.keep('username', this.username ?? '');
    if (!this.hasUpdated || poolProperties.some((name) => changed.has(name))) this.begin();
    this.setAttribute('step', this.flow.step);
  }

  protected override updated(): void {
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    if (focus) this.renderRoot.querySelector<HTMLElement>(`#${focus}`)?.focus();

    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const fire of events) fire();
  }

  protected override render(): TemplateResult {
    const { error, step } = this.flow;
    return html`
      <slot name="header"></slot>
      <div part="error" role="alert" ?hidden=${!error}>${error ? this.errorText(error) : nothing}</div>
      <div part="status" role="status">${this.flow.busy ? text(busyStatusOf[step]) : nothing}</div>
      ${step === 'username' ? this.renderUsernameStep() : nothing}
      ${step === 'challenge' ? this.renderChallengeStep() : nothing}
      <div id="signed-in" class="signed-in" tabindex="-1" ?hidden=${step !== 'signed-in'}>
        <slot name="signed-in" @slotchange=${this.onSignedInSlotChange}></slot>
        ${step === 'signed-in' && !this.hasSignedInContent ? this.renderSignedInStep() : nothing}
      </div>
      <slot name="footer"></slot>
    `;
  }

  private renderUsernameStep(): TemplateResult {
    const withPassword = this.authFlow === 'custom-with-srp';
    const missing = this.flow.error?.name;
    return this.renderForm(
      html`
        ${this.renderField('username', missing === 'EmptySignInUsername')}
        ${withPassword ? this.renderField('password', missing === 'EmptySignInPassword') : nothing}
      `,
      withPassword ? 'password.submit' : 'username.submit',
    );
  }

  private renderChallengeStep(): TemplateResult {
    const parameters = this.flow.challengeParameters ?? {};
    const prompt =
      parameters.prompt?.trim() ||
      (parameters.destination
        ? text('challenge.prompt', { destination: parameters.destination })
        : text('challenge.prompt-no-destination'));
    const codeLength = /^\d+$/.test(parameters.codeLength ?? '') ? parameters.codeLength : undefined;
    const describedBy = codeLength ? 'challenge-prompt code-length' : 'challenge-prompt';
    return this.renderForm(
      html`
        <p id="challenge-prompt">${prompt}</p>
        ${this.renderField('code', this.flow.error?.step === 'challenge', describedBy)}
        ${codeLength ? html`<p id="code-length" class="hint">${text('challenge.code-length', { codeLength })}</p>` : nothing}
      `,
      'code.submit',
      html`<button part="restart-button" type="button" @click=${() => this.reset()}>${text('code.restart')}</button>`,
    );
  }

  /** The form of a step: its fields, the submit button and any extra actions after it. */
  private renderForm(
    fields: TemplateResult,
    submitLabel: StringKey,
    actions: TemplateResult | typeof nothing = nothing,
  ): TemplateResult {
    return html`
      <form part="form" novalidate aria-busy=${this.flow.busy} @submit=${this.onSubmit}>
        ${fields}
        <button part="submit-button" type="submit" ?disabled=${this.flow.busy}>${text(submitLabel)}</button>
        ${actions}
      </form>
    `;
  }

  /** A labelled input keeping what the user typed; its id and name are the field's name, its part `<name>-input`. */
  private renderField(name: Field, invalid: boolean, describedBy?: string): TemplateResult {
    const { label, type, autocomplete, inputMode } = fieldSpecs[name];
    return html`
      <label for=${name}>${text(label)}</label>
      <input
        id=${name}
        name=${name}
        part="${name}-input"
        type=${type}
        .autocomplete=${autocomplete}
        inputmode=${ifDefined(inputMode)}
        autocapitalize="none"
        spellcheck="false"
        required
        aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${invalid}
        .value=${live(this.typed[name])}
        @input=${(event: InputEvent) => this.keep(name, (event.target as HTMLInputElement).value)}
      />
    `;
  }

  private renderSignedInStep(): TemplateResult {
    return html`
      <div part="signed-in">
        <p>${text('signed-in.message', { username: this.flow.user?.username ?? '' })}</p>
        <button part="sign-out-button" type="button" ?disabled=${this.flow.busy} @click=${() => this.signOut()}>
          ${text('signed-in.sign-out')}
        </button>
      </div>
    `;
  }

  private errorText(error: FlowError): string {
    return text(errorTextKey(error.reason), error.params);
  }

  private onSignedInSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.hasSignedInContent = slot.assignedNodes({ flatten: true }).length > 0;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    // The button is disabled while busy, but only after the next render: a double click lands before that.
    if (this.flow.busy) return;
    if (this.flow.step === 'username') void this.startSignIn();
    else if (this.flow.step === 'challenge') void this.answerChallenge();
  }

  /** Applies the configuration and looks for a stored session: the start of every element and every pool change. */
  private begin(): void {
    this.generation++;
    if (!this.ensureConfigured()) return;
    this.dispatch({ type: 'restoring' });
    this.loadUser(true);
  }

  private async startSignIn(): Promise<void> {
    const configuration = this.ensureConfigured();
    if (!configuration) return;
    const username = this.typed.username.trim();
    if (!username) return this.dispatch({ type: 'input-missing', name: 'EmptySignInUsername' });
    const { authFlowType } = configuration;
    const withPassword = authFlowType === 'CUSTOM_WITH_SRP';
    const { password } = this.typed;
    if (withPassword && !password) return this.dispatch({ type: 'input-missing', name: 'EmptySignInPassword' });

    this.keep('username', username);
    const withPasswordInput = withPassword ? { password } : {};
    this.dispatch({ type: 'call-started' });
    await this.call(
      'signIn',
      () => this.adapter.signIn({ username, authFlowType, ...withPasswordInput }),
      (result) => this.dispatch({ type: 'answered', result }),
    );
  }

  private async answerChallenge(): Promise<void> {
    const answer = this.typed.code.trim();
    if (!answer) return this.dispatch({ type: 'input-missing', name: 'EmptyChallengeResponse' });
    this.keep('code', answer);
    this.dispatch({ type: 'call-started' });
    await this.call(
      'confirmSignIn',
      () => this.adapter.confirmSignIn(answer),
      (result) => this.dispatch({ type: 'answered', result }),
    );
  }

  /** Finds out who the stored tokens belong to, then shows them signed in. */
  private loadUser(restored: boolean): void {
    void this.call(
      'getCurrentUser',
      () => this.adapter.getCurrentUser(),
      (user) => this.dispatch({ type: 'user-found', user, restored }),
    );
  }

  /**
   * Makes one auth library call and hands its answer to `onAnswer`, or its failure to the state machine,
   * unless the sign-in was abandoned meanwhile.
   */
  private async call<T>(name: AuthCall, request: () => Promise<T>, onAnswer: (answer: T) => void): Promise<void> {
    const generation = this.generation;
    let answer: T;
    try {
      answer = await request();
    } catch (error) {
      if (generation === this.generation) this.dispatch({ type: 'failed', call: name, error });
      return;
    }
    if (generation === this.generation) onAnswer(answer);
  }

  /** Validates the configuration attributes and, when they changed, applies them to the auth library. */
  private configureAdapter(): ConfigResolution {
    const resolution = resolveConfig(
      {
        userPoolId: this.userPoolId,
        userPoolClientId: this.userPoolClientId,
        userPoolEndpoint: this.userPoolEndpoint,
        authFlow: this.authFlow,
      },
      this.adapter.hasAuthConfig(),
    );
    if (!resolution.ok || !resolution.config) return resolution;
    const settings = JSON.stringify(resolution.config);
    if (settings === this.appliedConfig) return resolution;
    try {
      this.adapter.configure(resolution.config);
    } catch {
      return { ok: false, problem: 'ConfigurationRejected' };
    }
    this.appliedConfig = settings;
    return resolution;
  }

  /** {@link configureAdapter}, showing the problem when there is one. */
  private ensureConfigured(): Extract<ConfigResolution, { ok: true }> | undefined {
    const resolution = this.configureAdapter();
    if (resolution.ok) return resolution;
    const params = resolution.value === undefined ? undefined : { value: resolution.value };
    this.dispatch({ type: 'config-invalid', reason: resolution.problem, params });
    return undefined;
  }

  /** Moves the state machine on and lines up what follows from the change: fields, focus, events, effects. */
  private dispatch(event: FlowEvent): void {
    const previous = this.flow;
    const { state: next, effect } = transition(previous, event);
    this.flow = next;
    this.updateFields(previous, next);
    this.pendingFocus = this.focusTarget(previous, next) ?? this.pendingFocus;
    this.queueEvents(previous, next);
    if (effect) this.loadUser(effect.restored);
  }

  /** Remembers what the user typed into `field`. */
  private keep(field: Field, value: string): void {
    this.typed = { ...this.typed, [field]: value };
  }

  /** A new challenge round wants a new code; once signed in, the secrets typed on the way are dropped. */
  private updateFields(previous: FlowState, next: FlowState): void {
    const newChallenge = next.step === 'challenge' && next.challengeParameters !== previous.challengeParameters;
    if (newChallenge) this.keep('code', '');
    if (next.step === 'signed-in') this.typed = { ...this.typed, password: '', code: '' };
  }

  private focusTarget(previous: FlowState, next: FlowState): FocusTarget | undefined {
    if (next.busy) return undefined;
    // Reaching the first step from the initial session check is not the user's doing: leave the page's focus be.
    if (next.step !== previous.step) return previous.step === 'loading' ? undefined : firstFieldOf[next.step];
    if (!next.error || next.error === previous.error) return undefined;
    return next.error.name === 'EmptySignInPassword' ? 'password' : firstFieldOf[next.step];
  }

  private queueEvents(previous: FlowState, next: FlowState): void {
    if (next.step !== previous.step) {
      const challengeParameters = next.step === 'challenge' ? { challengeParameters: next.challengeParameters } : {};
      this.queueEvent('auth-step-change', { step: next.step, previousStep: previous.step, ...challengeParameters });
    }
    if (next.step === 'signed-in' && previous.step !== 'signed-in' && next.user) {
      const { username, userId } = next.user;
      this.queueEvent('auth-signed-in', { username, userId, restored: next.restored ?? false });
    }
    if (next.error && next.error !== previous.error) {
      const { step, name, message } = next.error;
      this.queueEvent('auth-error', { step, name, message: message ?? this.errorText(next.error) });
    }
  }

  private queueEvent<Name extends AuthEventName>(name: Name, detail: AuthEventDetails[Name]): void {
    this.pendingEvents.push(() => emit(this, name, detail));
  }
}
