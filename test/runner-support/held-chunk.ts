/**
 * Holds back the built bundle's Amplify chunk, so a spec can see what a page does before Amplify has arrived:
 *
 * - `POST /__e2e/amplify-chunk/hold` → requests for `/dist/chunks/amplify-auth-adapter-<hash>.js` wait from now on;
 * - `POST /__e2e/amplify-chunk/fail` → the next such request is answered 503 (the chunk's fetch fails once);
 * - `POST /__e2e/amplify-chunk/release` → the waiting requests go on, and later ones pass at once;
 * - `GET /__e2e/amplify-chunk` → `{ waiting, served }`: the requests held now, and those answered so far;
 * - `GET /__e2e/fresh/<visit>/dist/…` → the build's `/dist/…`, under a path of the visit's own. Chromium reuses
 *   a module script it already holds in memory for another frame of the same page, though it was served
 *   `no-store`, so a spec that needs the page to fetch the bundle and its chunks anew loads them from here.
 *
 * A middleware placed before the one that serves the build (see web-test-runner.config.mjs).
 */
import type { Middleware } from 'koa';

const amplifyChunk = /^\/dist\/chunks\/amplify-auth-adapter-[\w-]+\.js$/;

export function heldAmplifyChunk(): Middleware {
  let held: Promise<void> | undefined;
  let release = () => {};
  let failNext = false;
  let waiting = 0;
  let served = 0;

  return async (ctx, next) => {
    const fresh = /^\/__e2e\/fresh\/[\w-]+(\/dist\/.*)$/.exec(ctx.path);
    if (fresh) ctx.path = fresh[1]!;
    if (ctx.path.startsWith('/__e2e/amplify-chunk')) {
      const action = ctx.path.slice('/__e2e/amplify-chunk'.length);
      if (ctx.method === 'POST' && action === '/hold') {
        held ??= new Promise((resolve) => (release = resolve));
      } else if (ctx.method === 'POST' && action === '/fail') {
        failNext = true;
      } else if (ctx.method === 'POST' && action === '/release') {
        release();
        held = undefined;
      } else if (ctx.method !== 'GET' || action !== '') {
        ctx.status = 404;
        return;
      }
      ctx.set('cache-control', 'no-store');
      ctx.body = { waiting, served };
      return;
    }
    if (ctx.method !== 'GET' || !amplifyChunk.test(ctx.path)) return next();
    if (held) {
      waiting++;
      await held;
      waiting--;
    }
    served++;
    if (failNext) {
      failNext = false;
      ctx.status = 503;
      ctx.body = 'held back by the test';
      return;
    }
    return next();
  };
}
