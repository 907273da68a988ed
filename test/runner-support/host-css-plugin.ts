/**
 * Serves the host-page stylesheets the host-CSS specs put around the element, from the installed packages:
 *
 * - `GET /__host-css/tailwind.css` → what a site gets from `@import "tailwindcss";` with no utility classes in
 *   use (the theme variables and the preflight reset), compiled by the installed Tailwind CSS compiler.
 *
 * The other frameworks ship plain CSS the test server serves from `node_modules` as it is.
 *
 * And one command: `host-css-screenshot` `{ name }` saves a PNG of the element marked `data-screenshot` in the
 * test page as `<name>.png` into the folder `HOST_CSS_SCREENSHOTS` names; without that variable it does nothing.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';

const require = createRequire(import.meta.url);

/** Tailwind's entry stylesheet compiled the way its CLI and Vite plugin do, with every `@import` resolved. */
async function compileTailwind(): Promise<string> {
  const { compile } = await import('tailwindcss');
  const compiler = await compile('@import "tailwindcss";', {
    base: dirname(require.resolve('tailwindcss/package.json')),
    async loadStylesheet(id: string, base: string) {
      const path = require.resolve(id === 'tailwindcss' ? 'tailwindcss/index.css' : id, { paths: [base] });
      return { path, base: dirname(path), content: await readFile(path, 'utf8') };
    },
  });
  return compiler.build([]);
}

export function hostCssPlugin(): TestRunnerPlugin {
  let tailwind: Promise<string> | undefined;
  return {
    name: 'host-css',
    serve(context) {
      if (context.path !== '/__host-css/tailwind.css') return undefined;
      tailwind ??= compileTailwind();
      return tailwind.then((body) => ({ body, type: 'text/css' }));
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'host-css-screenshot') return undefined;
      const folder = process.env['HOST_CSS_SCREENSHOTS'];
      if (!folder) return false;
      const { name } = payload as { name: string };
      await mkdir(resolve(folder), { recursive: true });
      const page = (session.browser as ChromeLauncher).getPage(session.id);
      const shown = await page.$('[data-screenshot]');
      await shown?.screenshot({
        path: join(resolve(folder), `${name.replace(/[^\w-]+/g, '-')}.png`) as `${string}.png`,
      });
      return true;
    },
  };
}
