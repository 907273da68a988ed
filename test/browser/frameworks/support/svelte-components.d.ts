// What a `.svelte` file exports, for the type checker (the test server compiles them; see frameworks-plugin.ts).
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, unknown>>;
  export default component;
}
