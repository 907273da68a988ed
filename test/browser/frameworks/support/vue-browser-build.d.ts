// Vue's self-contained browser build (no bundler defines needed) has the same API as the `vue` module.
declare module 'vue/dist/vue.esm-browser.prod.js' {
  export * from 'vue';
}
