/**
 * The element's pool attributes applied to its auth library, and what follows when they cannot work. The texts
 * of configuration problems are a chunk of their own (a page that is set up never fetches them), so a problem
 * reaches the machine, or `fetchTokens`' caller, once they have arrived, as it then stands: the attributes may
 * have been fixed meanwhile.
 */
import type { AuthAdapter } from './auth-adapter.js';
import { PoolSettings, type ConfigAttributes, type ConfigResolution } from './auth-config.js';
import type { FlowEvent } from './sign-in-flow.js';
import { loadConfigurationTexts, type TextParams } from './strings.js';

/** The element as its configuration sees it. */
export interface ConfiguredHost extends ConfigAttributes {
  readonly adapter: AuthAdapter;
}

export class ElementConfiguration {
  readonly #pool = new PoolSettings();
  readonly #host: ConfiguredHost;
  readonly #dispatch: (event: FlowEvent) => void;
  readonly #text: (keys: readonly string[], params?: TextParams) => string;

  constructor(
    host: ConfiguredHost,
    dispatch: (event: FlowEvent) => void,
    text: (keys: readonly string[], params?: TextParams) => string,
  ) {
    this.#host = host;
    this.#dispatch = dispatch;
    this.#text = text;
  }

  /** Applies the attributes; undefined when they cannot work (the problem is then on its way to the machine). */
  ensure(): Extract<ConfigResolution, { ok: true }> | undefined {
    const resolution = this.#apply();
    if (resolution.ok) return resolution;
    void loadConfigurationTexts().then(() => {
      const current = this.#apply();
      if (current.ok) return;
      const { problem: reason, value } = current;
      this.#dispatch({ type: 'config-invalid', reason, params: value === undefined ? undefined : { value } });
    });
  }

  /** Applies the attributes; a `ConfigurationError` saying why when they cannot work. */
  async error(): Promise<Error | undefined> {
    const resolution = this.#apply();
    if (resolution.ok) return;
    await loadConfigurationTexts();
    const error = new Error(this.#text([resolution.problem], { value: resolution.value ?? '' }));
    error.name = 'ConfigurationError';
    return error;
  }

  #apply(): ConfigResolution {
    return this.#pool.configure(this.#host, this.#host.adapter);
  }
}
