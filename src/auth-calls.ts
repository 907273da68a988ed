/**
 * Runs the element's auth library calls. Each call is announced to the state machine and its failure reported
 * to it; a call belongs to the sign-in under way when it started (numbered as `@lit/task` numbers its runs), and
 * an answer that comes back after that sign-in was abandoned is dropped. A sign-in started while the auth library
 * is still on its way waits for it, saying so, and sends nothing once abandoned.
 */
import type { SignInResult } from './auth-adapter.js';
import type { AuthCall, FlowEvent } from './sign-in-flow.js';
import { clock } from './ticker.js';

/** What an answer to a sign-in call carries besides its result. */
type AnswerDetails = Pick<Extract<FlowEvent, { type: 'answered' }>, 'preferred' | 'link'>;

export class AuthCalls {
  readonly #dispatch: (event: FlowEvent) => void;
  /** While the auth library is on its way: when it will have arrived (see `AuthAdapter.pending`). */
  readonly #arrival: () => Promise<void> | undefined;
  /** The current sign-in's number. */
  #id = 0;

  constructor(dispatch: (event: FlowEvent) => void, arrival: () => Promise<void> | undefined = () => undefined) {
    this.#dispatch = dispatch;
    this.#arrival = arrival;
  }

  /** Abandons the sign-in under way: answers to its calls are dropped. */
  abandon(): void {
    this.#id++;
  }

  /** One call, announced to the machine unless `announce` is false; `onAnswer` gets its answer unless stale. */
  async run<T>(
    call: AuthCall,
    request: () => Promise<T>,
    onAnswer: (answer: T) => void,
    announce = true,
  ): Promise<void> {
    const id = this.#id;
    if (announce) this.#dispatch({ type: 'call-started', call });
    let answer: T;
    try {
      answer = await request();
    } catch (error) {
      if (id === this.#id) this.#dispatch({ type: 'failed', call, error });
      return;
    }
    if (id === this.#id) onAnswer(answer);
  }

  /**
   * A call that moves the sign-in on (`signIn`, or an answer to the current challenge): its result goes to the
   * machine with when it arrived, the start of a new code's countdowns.
   */
  advance(call: AuthCall, request: () => Promise<SignInResult>, details: AnswerDetails = {}): Promise<void> {
    const onAnswer = (result: SignInResult) =>
      this.#dispatch({ type: 'answered', call, result, at: clock.now(), ...details });
    const arrival = this.#arrival();
    if (!arrival) return this.run(call, request, onAnswer);
    const id = this.#id;
    this.#dispatch({ type: 'call-started', call, preparing: true });
    const whenArrived = async () => {
      await arrival;
      // Abandoned meanwhile (the user went back): nothing is sent, and the failure is dropped as stale.
      if (id !== this.#id) throw new Error('abandoned');
      this.#dispatch({ type: 'call-started', call });
      return request();
    };
    return this.run(call, whenArrived, onAnswer, false);
  }
}
