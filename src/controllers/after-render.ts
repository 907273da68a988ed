/**
 * What waits for the render that shows a new state: the part to focus, and the events reporting it. Events
 * fire once the page can see what they report; focus moves once the part exists.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { emit } from '../events.js';
import type { DueEvent } from '../sign-in-follow-ups.js';

export class AfterRender implements ReactiveController {
  readonly #host: ReactiveElement;
  #focus?: string;
  #events: DueEvent[] = [];

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Lines up `events` and, when given, the part to focus after the next render. */
  queue(events: readonly DueEvent[], focus?: string): void {
    this.#focus = focus ?? this.#focus;
    this.#events.push(...events);
  }

  hostUpdated(): void {
    const focus = this.#focus;
    this.#focus = undefined;
    if (focus) this.#host.renderRoot.querySelector<HTMLElement>(`[part~="${focus}"]`)?.focus();

    const events = this.#events;
    this.#events = [];
    for (const [name, detail] of events) emit(this.#host, name, detail);
  }
}
