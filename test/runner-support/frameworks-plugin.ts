/**
 * What the framework specs need from the test server, done the way each framework's own build does it:
 *
 * - `.svelte` files are compiled to JavaScript by the installed Svelte compiler, as its Vite plugin does;
 * - the bare import `custom-auth-login`, which the documented examples start with, is the element's source
 *   (the package itself is only built by `npm run build`, which the unit specs do not need).
 *
 * Angular needs nothing here: its components are compiled in the page, just in time, by `@angular/compiler`.
 */
import { compile } from 'svelte/compiler';
import type { TestRunnerPlugin } from '@web/test-runner';

export function frameworksPlugin(): TestRunnerPlugin {
  return {
    name: 'frameworks',
    resolveImport({ source }) {
      return source === 'custom-auth-login' ? '/src/custom-auth-login.ts' : undefined;
    },
    resolveMimeType(context) {
      return context.path.endsWith('.svelte') ? 'js' : undefined;
    },
    transform(context) {
      if (!context.path.endsWith('.svelte')) return undefined;
      const { js, warnings } = compile(String(context.body), { filename: context.path, generate: 'client' });
      for (const warning of warnings) console.warn(`[svelte] ${warning.filename}: ${warning.message}`);
      return { body: js.code };
    },
  };
}
