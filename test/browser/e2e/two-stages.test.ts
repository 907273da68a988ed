/**
 * End to end, the built bundle's two stages: the script tag's bundle draws the form and takes typing while its
 * Amplify chunk is still on its way (the test server holds that chunk's request back), an early submit waits
 * for Amplify and then sends exactly the usual requests, a stored session still shows without the form first,
 * and a chunk that failed to load is reported when the user submits. The page runs in an iframe, as in the
 * script-tag spec.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../../src/custom-auth-login.js';
import { clearRequests, endToEndSuite, latestCode, operations, type MochaSuite } from './support/dev-endpoint.js';
import {
  framePerTest,
  loadInFrame,
  partOf,
  signInOnPage,
  typeInto,
  type ScriptTagWindow,
} from './support/page-frame.js';

/** Tells the test server what to do with the Amplify chunk's requests; answers how many wait and were served. */
async function amplifyChunk(action: 'hold' | 'fail' | 'release' | 'status') {
  const response = await fetch(`/__e2e/amplify-chunk${action === 'status' ? '' : `/${action}`}`, {
    method: action === 'status' ? 'GET' : 'POST',
  });
  return (await response.json()) as { waiting: number; served: number };
}

describe('end to end: the form before Amplify (two stages)', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 20_000 });
  const currentFrame = framePerTest();
  afterEach(() => amplifyChunk('release'));

  const loadPage = (action: () => void) => loadInFrame(currentFrame(), action);

  /** Opens the script-tag page with its own copy of the build's paths, so the bundle and its chunks are fetched. */
  let visits = 0;
  const openPage = () => {
    const build = `/__e2e/fresh/${Date.now()}-${++visits}/dist/`;
    return loadPage(() => (currentFrame().src = `/__e2e/script-tag.html?build=${build}`));
  };
  const stepsShown = (page: ScriptTagWindow) =>
    page.authEvents.filter(({ type }) => type === 'auth-step-change').map(({ detail }) => detail.step);
  const statusText = (el: CustomAuthLogin) => partOf(el, 'status').textContent?.trim();

  /** Waits until the Amplify chunk's request is being held by the test server. */
  const amplifyHeld = () =>
    waitUntil(async () => (await amplifyChunk('status')).waiting > 0, 'the page never asked for the Amplify chunk');

  it('shows the username field, ready for typing, while the Amplify chunk is held back', async () => {
    await amplifyChunk('hold');
    const { page, el } = await openPage();
    await amplifyHeld();

    await waitUntil(() => el.getAttribute('step') === 'username', 'the first form waited for Amplify');
    await typeInto(partOf(el, 'username-input'), 'alice@example.com');
    expect(partOf(el, 'username-input').value).to.equal('alice@example.com');
    expect(stepsShown(page)).to.deep.equal(['username'], 'no loading step before the form');
    expect((await amplifyChunk('status')).waiting).to.equal(1, 'Amplify is still held back');
    expect(await operations(e2e.endpoint)).to.deep.equal([]);
  });

  it('sends an early submit once Amplify is here, saying so meanwhile, with the usual requests', async () => {
    await amplifyChunk('hold');
    const { page, el } = await openPage();
    await amplifyHeld();
    await waitUntil(() => el.getAttribute('step') === 'username', 'the first form waited for Amplify');
    await typeInto(partOf(el, 'username-input'), 'alice@example.com');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => statusText(el) === 'Preparing to send your code…', `status: ${statusText(el)}`);
    expect(partOf(el, 'submit-button').disabled, 'no second submit meanwhile').to.equal(true);
    expect(partOf(el, 'username-input').value).to.equal('alice@example.com');
    expect(await operations(e2e.endpoint)).to.deep.equal([], 'nothing is sent before Amplify is here');

    await amplifyChunk('release');
    await waitUntil(() => el.getAttribute('step') === 'challenge', 'the challenge never showed', { timeout: 10_000 });
    await typeInto(partOf(el, 'code-input'), await latestCode(e2e.endpoint, 'alice@example.com'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.getAttribute('step') === 'signed-in', 'never signed in', { timeout: 10_000 });

    expect(await operations(e2e.endpoint)).to.deep.equal(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(stepsShown(page)).to.deep.equal(['username', 'challenge', 'signed-in']);
  });

  it('shows a stored session without showing the form first, once Amplify is here', async () => {
    const { el } = await openPage();
    await signInOnPage(el, e2e.endpoint);
    await waitUntil(() => el.getAttribute('step') === 'signed-in', 'never signed in', { timeout: 10_000 });

    await amplifyChunk('hold');
    await clearRequests(e2e.endpoint);
    // The page again, as a new visit would open it: the tokens are in this origin's localStorage.
    const reloaded = await openPage();
    await amplifyHeld();
    expect(reloaded.el.getAttribute('step')).to.equal('loading', 'a session may be stored: Amplify decides');
    await amplifyChunk('release');

    await waitUntil(() => reloaded.el.getAttribute('step') === 'signed-in', 'the session never showed');
    expect(stepsShown(reloaded.page)).to.deep.equal(['signed-in'], 'the form never showed');
    expect(await operations(e2e.endpoint)).to.deep.equal([]);
  });

  // The adapter asks for the chunk again with the next call, which recovers in browsers that fetch a failed
  // module again. Chromium keeps the failure for the page's life, so there the user is told, and a reload helps.
  it('reports an Amplify chunk that failed to load as a network error when the user submits', async () => {
    const { served } = await amplifyChunk('fail');
    const { el } = await openPage();
    await waitUntil(async () => (await amplifyChunk('status')).served > served, 'the page never asked for Amplify');
    await waitUntil(() => el.getAttribute('step') === 'username', 'the first form never showed');
    await typeInto(partOf(el, 'username-input'), 'alice@example.com');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => (el.shadowRoot?.querySelector('[part~="error"]')?.textContent ?? '') !== '', 'no error');
    expect(partOf(el, 'error').textContent?.trim()).to.equal(
      'Cannot reach the sign-in service. Check your connection, then try again.',
    );
    expect(el.getAttribute('step')).to.equal('username');
    expect(partOf(el, 'submit-button').disabled, 'the user can try again').to.equal(false);
    expect(partOf(el, 'username-input').value).to.equal('alice@example.com');
    expect(await operations(e2e.endpoint)).to.deep.equal([]);
  });
});
