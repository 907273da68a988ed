/**
 * The language of an element's texts, following `lang` on the element, its ancestors and the document. One
 * observer serves every connected element: a `lang` change anywhere asks only the elements whose language it
 * changed to render again. Tables other than English are fetched the first time an element needs them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  findText,
  format,
  englishInstead,
  hasTexts,
  languageOf,
  loadTexts,
  textSources,
  type StringKey,
  type StringOverrides,
  type TextParams,
} from '../strings.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The connected elements. */
const connected = new Set<Host>();

/**
 * Watches `lang` in the document and in each shadow root an element lives in. A change asks every connected
 * element to render; one whose language stayed the same finds nothing to change.
 */
let observer: MutationObserver | undefined;

export class LanguageController implements ReactiveController {
  /** The language of the texts ('' when none is set): the element's, else its nearest ancestor's, else the document's. */
  language = '';

  /**
   * The language the texts are in: {@link language}, or English while it stands in (the language has no table,
   * or its table has not arrived). Numbers and durations inside the texts are formatted in it.
   */
  spoken = 'en';

  /** Settles once the texts of the element's language have arrived (see {@link loadTexts}). */
  arrived = Promise.resolve();

  readonly #host: Host;
  readonly #overrides: () => StringOverrides | undefined;
  #sources = textSources('');

  constructor(host: Host, overrides: () => StringOverrides | undefined) {
    this.#host = host;
    this.#overrides = overrides;
    host.addController(this);
  }

  /** Whether the texts of the element's language are at hand (else English stands in until they arrive). */
  get ready(): boolean {
    return hasTexts(this.language);
  }

  hostConnected(): void {
    connected.add(this.#host);
    observer ??= new MutationObserver(() => connected.forEach((host) => host.requestUpdate()));
    const options = { attributeFilter: ['lang'], subtree: true };
    observer.observe(document.documentElement, options);
    // Inside another element's shadow root, `lang` changes there are not seen from the document.
    const root = this.#host.getRootNode();
    if (root instanceof ShadowRoot) observer.observe(root, options);
  }

  hostDisconnected(): void {
    connected.delete(this.#host);
    if (!connected.size) {
      observer?.disconnect();
      observer = undefined;
    }
  }

  hostUpdate(): void {
    const language = languageOf(this.#host);
    if (language !== this.language && !hasTexts(language)) {
      // Shown in English (or, while loading, not at all) until the table arrives; then rendered again.
      this.arrived = loadTexts(language).then(() => this.#host.requestUpdate());
    }
    const overrides = this.#overrides() ?? {};
    this.language = language;
    this.spoken = englishInstead(language, overrides) ? 'en' : language;
    this.#sources = textSources(language, overrides);
  }

  /** The text for the first of `keys` the overrides, the language or English have (else the generic error). */
  text(keys: readonly string[], params?: TextParams): string {
    return format(findText(this.#sources, keys) ?? findText(this.#sources, ['UnknownError'])!, params);
  }

  t(key: StringKey, params?: TextParams): string {
    return this.text([key], params);
  }
}
