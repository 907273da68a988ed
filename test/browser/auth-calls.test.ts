import { expect } from '@open-wc/testing';
import { AuthCalls } from '../../src/auth-calls.js';
import type { FlowEvent } from '../../src/sign-in-flow.js';
import { customChallenge } from './support/fake-auth-adapter.js';

/** A promise and the function that settles it. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('auth calls (while the auth library is on its way)', () => {
  it('says a sign-in is being prepared, sends it once the library is here, then reports the answer', async () => {
    const events: FlowEvent['type'][] = [];
    const preparing: unknown[] = [];
    const arrival = deferred();
    let sent = 0;
    const calls = new AuthCalls(
      (event) => {
        events.push(event.type);
        if (event.type === 'call-started') preparing.push(event.preparing);
      },
      () => arrival.promise,
    );

    const done = calls.advance('signIn', async () => {
      sent++;
      return customChallenge({});
    });
    await Promise.resolve();
    expect(events).to.deep.equal(['call-started']);
    expect(preparing).to.deep.equal([true]);
    expect(sent, 'nothing is sent before the library is here').to.equal(0);

    arrival.resolve();
    await done;
    expect(events).to.deep.equal(['call-started', 'call-started', 'answered']);
    expect(preparing).to.deep.equal([true, undefined]);
    expect(sent).to.equal(1);
  });

  it('sends nothing for a sign-in abandoned while it waited, and reports nothing of it', async () => {
    const events: FlowEvent['type'][] = [];
    const arrival = deferred();
    let sent = 0;
    const calls = new AuthCalls(
      (event) => events.push(event.type),
      () => arrival.promise,
    );
    const done = calls.advance('signIn', async () => {
      sent++;
      return customChallenge({});
    });
    calls.abandon();
    arrival.resolve();
    await done;
    expect(sent).to.equal(0);
    expect(events).to.deep.equal(['call-started']);
  });

  it('sends at once when the library is here', async () => {
    const events: FlowEvent['type'][] = [];
    const calls = new AuthCalls((event) => events.push(event.type));
    await calls.advance('signIn', async () => customChallenge({}));
    expect(events).to.deep.equal(['call-started', 'answered']);
  });
});
