/**
 * Loads React 19 into the test page. React ships only CommonJS, which the test server hands to the browser
 * as it is, so its production builds are fetched and run here with a `require` that knows exactly the four
 * modules react-dom/client needs. The result is the real React an app would bundle.
 */
import type * as ReactModule from 'react';
import type * as ReactDOMModule from 'react-dom';
import type * as ReactDOMClientModule from 'react-dom/client';

const productionBuilds = {
  react: '/node_modules/react/cjs/react.production.js',
  'react-dom': '/node_modules/react-dom/cjs/react-dom.production.js',
  'react-dom/client': '/node_modules/react-dom/cjs/react-dom-client.production.js',
  scheduler: '/node_modules/scheduler/cjs/scheduler.production.js',
} as const;

type ModuleName = keyof typeof productionBuilds;

export interface ReactRuntime {
  React: typeof ReactModule;
  ReactDOM: typeof ReactDOMModule;
  ReactDOMClient: typeof ReactDOMClientModule;
}

let loading: Promise<ReactRuntime> | undefined;

/** React, ReactDOM and react-dom/client, sharing one React, loaded once per page. */
export function loadReact(): Promise<ReactRuntime> {
  loading ??= load();
  return loading;
}

async function load(): Promise<ReactRuntime> {
  const names = Object.keys(productionBuilds) as ModuleName[];
  const sources = new Map(
    await Promise.all(
      names.map(async (name) => {
        const response = await fetch(productionBuilds[name]);
        if (!response.ok) throw new Error(`cannot load ${productionBuilds[name]}: ${response.status}`);
        return [name, await response.text()] as const;
      }),
    ),
  );
  const loaded = new Map<string, unknown>();
  const require = (name: string): unknown => {
    if (loaded.has(name)) return loaded.get(name);
    const source = sources.get(name as ModuleName);
    if (source === undefined) throw new Error(`React asked for ${name}, which this loader does not provide`);
    const module = { exports: {} as unknown };
    loaded.set(name, module.exports);
    // `sourceURL` names the file in stack traces.
    const body = `${source}\n//# sourceURL=${productionBuilds[name as ModuleName]}`;
    new Function('module', 'exports', 'require', body)(module, module.exports, require);
    loaded.set(name, module.exports);
    return module.exports;
  };
  return {
    React: require('react') as typeof ReactModule,
    ReactDOM: require('react-dom') as typeof ReactDOMModule,
    ReactDOMClient: require('react-dom/client') as typeof ReactDOMClientModule,
  };
}
