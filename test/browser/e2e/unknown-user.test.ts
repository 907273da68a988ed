/**
 * End to end, user enumeration: someone typing usernames must not learn which ones exist. An unknown username
 * goes through the same steps, with challenge parameters of the same shape and the same requests, as a known
 * one answering wrong codes; the only difference is that no code is ever sent.
 */
import { expect } from '@open-wc/testing';
import {
  endToEndSuite,
  errorAfter,
  errorText,
  freshStart,
  operations,
  renderForEndpoint,
  sentCodes,
  stepAfter,
  submitCode,
  submitFirstForm,
  wrongCodeFor,
  type AuthEventLog,
  type MochaSuite,
} from './support/e2e-fixture.js';

/** What an observer of the page and the network sees during a sign-in that never finds the right code. */
interface Observed {
  sequence: string[];
  parameterKeys: string[][];
  destinations: string[];
  errors: Array<{ step: string; name: string; message: string }>;
  errorTexts: string[];
  operations: string[];
}

describe('end to end: unknown usernames', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 20_000 });

  function challengeParameters(log: AuthEventLog): Array<Record<string, string>> {
    return log.events.flatMap((event) =>
      event.type === 'auth-step-change' && event.detail.challengeParameters ? [event.detail.challengeParameters] : [],
    );
  }

  /** Signs in as `username` and answers a wrong code until the pool gives up. */
  async function tryWithoutTheCode(username: string): Promise<Observed> {
    const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });
    const errors = [];
    const errorTexts = [];
    expect(await stepAfter(el, () => submitFirstForm(el, username))).to.equal('challenge');
    const sent = (await sentCodes(e2e.endpoint)).at(-1)?.code;
    const wrong = sent ? wrongCodeFor(sent) : '123456';
    for (let attempt = 1; attempt <= e2e.config.maxAttempts; attempt++) {
      errors.push(await errorAfter(el, () => submitCode(el, wrong)));
      errorTexts.push(errorText(el));
    }
    const parameters = challengeParameters(log);
    const observed: Observed = {
      sequence: log.sequence(),
      parameterKeys: parameters.map((entry) => Object.keys(entry).sort()),
      destinations: parameters.map((entry) => entry.destination ?? ''),
      errors,
      errorTexts,
      operations: await operations(e2e.endpoint),
    };
    el.remove();
    await freshStart(e2e.endpoint);
    return observed;
  }

  describe('when an unknown username is submitted', () => {
    it('reaches the challenge step like a known one, with a masked destination of the same form', async () => {
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });

      expect(await stepAfter(el, () => submitFirstForm(el, 'nobody@example.org'))).to.equal('challenge');

      const [parameters] = challengeParameters(log);
      expect(parameters).to.include({ deliveryMedium: 'EMAIL', codeLength: '6', attemptsLeft: '3' });
      expect(parameters!.destination).to.match(/^\w\*\*\*@\w\*\*\*\.\w+$/);
      expect(await sentCodes(e2e.endpoint)).to.deep.equal([], 'no code goes anywhere');
    });

    it('is indistinguishable from a known user up to the end of the attempts', async () => {
      const known = await tryWithoutTheCode('alice@example.com');
      const unknown = await tryWithoutTheCode('nobody@example.org');

      expect(unknown.sequence).to.deep.equal(known.sequence);
      expect(unknown.parameterKeys).to.deep.equal(known.parameterKeys);
      expect(unknown.errors.map(({ step, name }) => ({ step, name }))).to.deep.equal(
        known.errors.map(({ step, name }) => ({ step, name })),
      );
      expect(unknown.errors.at(-1)!.message).to.equal(known.errors.at(-1)!.message);
      expect(unknown.errorTexts).to.deep.equal(known.errorTexts);
      expect(unknown.operations).to.deep.equal(known.operations);
      // Each destination is masked the same way, so it only ever shows first letters and the top-level domain.
      for (const destination of [...known.destinations, ...unknown.destinations]) {
        expect(destination).to.match(/^\w\*\*\*@\w\*\*\*\.\w+$/);
      }
      expect(known.sequence.at(-1)).to.equal('auth-error');
      expect(known.sequence).to.include('step:challenge');
    });
  });

  describe('when an unknown username is submitted with a password (custom-with-srp)', () => {
    it('gets the same answer as a known user with a wrong password', async () => {
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, authFlow: 'custom-with-srp' });
      const known = await errorAfter(el, () => submitFirstForm(el, 'bob@example.com', 'Wrong-Horse-42'));
      const knownText = errorText(el);

      const unknown = await errorAfter(el, () => submitFirstForm(el, 'nobody@example.org', 'Wrong-Horse-42'));

      expect(unknown).to.deep.equal(known);
      expect(errorText(el)).to.equal(knownText);
      expect(await operations(e2e.endpoint)).to.deep.equal([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'InitiateAuth',
        'RespondToAuthChallenge',
      ]);
    });
  });
});
