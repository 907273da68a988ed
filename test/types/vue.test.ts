// The Vue 3 typings of <custom-auth-login>: the props a template or h() call may pass.
import { h, type GlobalComponents } from 'vue';
import type {} from '../../src/frameworks/vue.js';
import type { AuthAdapter } from '../../src/custom-auth-login.js';

declare const adapter: AuthAdapter;
const CustomAuthLogin = {} as GlobalComponents['custom-auth-login'];

// camelCase props (templates may also write them kebab-case), typed listeners for every event.
export const configured = h(CustomAuthLogin, {
  userPoolId: 'eu-west-1_AbC123',
  userPoolClientId: 'abc123',
  userPoolEndpoint: 'http://127.0.0.1:9229/',
  authFlow: 'custom-without-srp',
  username: 'alice@example.com',
  resendCooldown: 45,
  codeLifetime: 300,
  noShadow: true,
  tokenStorage: 'session',
  cookieDomain: 'example.com',
  adapter,
  onAuthSignedIn: (event) => {
    const username: string = event.detail.username;
    return username;
  },
  onAuthStepChange: (event) => event.detail.previousStep,
  onAuthSignedOut: (event) => event.detail.username,
  onAuthError: (event) => event.detail.message,
});

// @ts-expect-error tokenStorage is local, session or cookie
export const wrongStorage = h(CustomAuthLogin, { tokenStorage: 'indexeddb' });

// @ts-expect-error authFlow names one of the two custom flows
export const wrongFlow = h(CustomAuthLogin, { authFlow: 'password' });

// @ts-expect-error a configuration value is a string, not a number
export const wrongType = h(CustomAuthLogin, { userPoolId: 42 });

// @ts-expect-error a number of seconds, not a word
export const wrongSeconds = h(CustomAuthLogin, { codeLifetime: 'soon' });

// @ts-expect-error auth-signed-in's detail has no such field
export const wrongDetail = h(CustomAuthLogin, { onAuthSignedIn: (event) => event.detail.password });
