/**
 * The link chunk on its own, over a scripted auth library: which calls it makes in each situation and what it
 * reports when the link cannot sign in. End to end with Amplify: test/browser/e2e/sign-in-link*.test.ts.
 */
import { expect } from '@open-wc/testing';
import type { AuthAdapter, SignInResult } from '../../src/auth-adapter.js';
import { finishLink } from '../../src/link-sign-in.js';
import { transition, type FlowState } from '../../src/sign-in-flow.js';

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const signedIn: SignInResult = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
const challenge: SignInResult = {
  isSignedIn: false,
  nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: {} },
};

/** A token as the backend writes it; the signature is opaque here (only the backend checks it). */
function token(claims: Record<string, unknown>): string {
  const body = btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `cal1.${body}.c2lnbmF0dXJl`;
}
const valid = token({ u: 'user-uuid', p: 'local_pool', c: 'client', iat: NOW / 1000, exp: NOW / 1000 + 900, id: 'x' });

type Answer = SignInResult | Error;

/** An auth library whose answers the test lists in order; every call is recorded. */
function scripted(confirmAnswers: Answer[], signInAnswers: Answer[] = []) {
  const calls: string[] = [];
  const inputs: unknown[] = [];
  const next = (answers: Answer[]) => {
    const answer = answers.shift();
    if (!answer) return Promise.reject(new Error('unexpected call'));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  const adapter = {
    confirmSignIn: (answer: string) => {
      calls.push('confirmSignIn');
      inputs.push(answer);
      return next(confirmAnswers);
    },
    signIn: (input: unknown) => {
      calls.push('signIn');
      inputs.push(input);
      return next(signInAnswers);
    },
  } as unknown as AuthAdapter;
  return { adapter, calls, inputs };
}

const named = (name: string, message = name) => Object.assign(new Error(message), { name });
const english = () => ({}) as Record<string, string>;

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('finishing a sign-in link', () => {
  describe('in the tab that asked for the email', () => {
    it('answers the live challenge with the token and makes no other call', async () => {
      const { adapter, calls, inputs } = scripted([signedIn]);
      expect(await finishLink(adapter, valid, english(), NOW)).to.equal(signedIn);
      expect(calls).to.deep.equal(['confirmSignIn']);
      expect(inputs).to.deep.equal([valid]);
    });
  });

  describe('where no sign-in is in progress, or its session is over', () => {
    for (const [situation, error] of [
      ['no sign-in in progress', named('SignInException')],
      ['the session expired', named('NotAuthorizedException', 'Invalid session for the user, session is expired.')],
    ] as const) {
      it(`(${situation}) starts a sign-in for the link's user, the token as ClientMetadata, and answers with it`, async () => {
        const { adapter, calls, inputs } = scripted([error, signedIn], [challenge]);
        expect(await finishLink(adapter, valid, english(), NOW)).to.equal(signedIn);
        expect(calls).to.deep.equal(['confirmSignIn', 'signIn', 'confirmSignIn']);
        expect(inputs[1]).to.deep.equal({
          username: 'user-uuid',
          authFlowType: 'CUSTOM_WITHOUT_SRP',
          clientMetadata: { signInLink: valid },
        });
        expect(inputs[2]).to.equal(valid);
      });
    }

    it('also starts one when the live challenge belongs to another sign-in and refuses the token', async () => {
      const { adapter, calls } = scripted([challenge, signedIn], [challenge]);
      await finishLink(adapter, valid, english(), NOW);
      expect(calls).to.deep.equal(['confirmSignIn', 'signIn', 'confirmSignIn']);
    });
  });

  describe('when the link cannot sign in', () => {
    it('reports LinkExpired for a link past its expiry, without a call, and brings its English text', async () => {
      const { adapter, calls } = scripted([]);
      const table = english();
      const error = await failure(finishLink(adapter, valid, table, NOW + 900_000));
      expect(error.name).to.equal('LinkExpired');
      expect(calls).to.deep.equal([]);
      expect(table.LinkExpired).to.match(/expired/);
      expect(table.LinkRejected).to.be.a('string');
    });

    it('reports LinkRejected for a fragment whose claims cannot be read, without a call', async () => {
      const { adapter, calls } = scripted([]);
      expect((await failure(finishLink(adapter, 'cal1.@@@.x', english(), NOW))).name).to.equal('LinkRejected');
      expect(calls).to.deep.equal([]);
    });

    it('reports LinkRejected when the backend refuses the sign-in the link starts', async () => {
      const refused = named('UserLambdaValidationException', 'PreAuthentication failed with error LinkRejected.');
      const { adapter } = scripted([named('SignInException')], [refused]);
      expect((await failure(finishLink(adapter, valid, english(), NOW))).name).to.equal('LinkRejected');
    });

    it('reports LinkRejected when the token does not answer the new sign-in either', async () => {
      const { adapter } = scripted([named('SignInException'), challenge], [challenge]);
      expect((await failure(finishLink(adapter, valid, english(), NOW))).name).to.equal('LinkRejected');
    });

    it('passes the limiter’s refusal on as it came, so its wait is shown', async () => {
      const limit = named(
        'UserLambdaValidationException',
        'VerifyAuthChallengeResponse failed with error TooManyAttempts retryAfterSeconds=840.',
      );
      const { adapter } = scripted([named('SignInException'), limit], [challenge]);
      expect(await failure(finishLink(adapter, valid, english(), NOW))).to.equal(limit);
    });

    it('passes a network failure on as it came', async () => {
      const offline = new TypeError('Failed to fetch');
      const { adapter } = scripted([offline]);
      expect(await failure(finishLink(adapter, valid, english(), NOW))).to.equal(offline);
    });
  });

  describe("the machine's moves the chunk adds", () => {
    const onChallenge: FlowState = { step: 'challenge', busy: true, call: 'signIn', challengeParameters: {} };

    for (const name of ['LinkRejected', 'LinkExpired']) {
      it(`leads a ${name} to the first form, where a new email is asked for, even from the challenge step`, () => {
        const { state } = transition(onChallenge, { type: 'failed', call: 'signIn', error: named(name) });
        expect(state).to.deep.equal({
          step: 'username',
          busy: false,
          error: { name, message: name, reason: name, step: 'challenge' },
        });
      });
    }

    it('leaves every other failure to the sign-in', () => {
      const { state } = transition(onChallenge, {
        type: 'failed',
        call: 'signIn',
        error: named('NotAuthorizedException'),
      });
      expect(state.step).to.equal('challenge');
    });
  });
});
