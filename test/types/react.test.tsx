// The React 19 JSX typings of <custom-auth-login>, as an app would use them.
import type {} from '../../src/frameworks/react.js';
import type { AuthAdapter, CustomAuthLogin } from '../../src/custom-auth-login.js';

declare const adapter: AuthAdapter;
declare const ref: { current: CustomAuthLogin | null };

// Attributes as in HTML, properties without attributes, typed handlers for every event.
export const configured = (
  <custom-auth-login
    user-pool-id="eu-west-1_AbC123"
    user-pool-client-id="abc123"
    user-pool-endpoint="http://127.0.0.1:9229/"
    auth-flow="custom-with-srp"
    username="alice@example.com"
    resend-cooldown={45}
    code-lifetime="300"
    no-shadow
    token-storage="cookie"
    cookie-domain="example.com"
    sign-up
    sign-up-attributes="name given_name"
    strings={{ username: 'E-mail address' }}
    adapter={adapter}
    ref={ref}
    className="login"
    onauth-signed-in={(event) => {
      const username: string = event.detail.username;
      const restored: boolean = event.detail.restored;
      const loginId: string = event.detail.loginId;
      const newUser: boolean = event.detail.newUser;
      return [username, restored, loginId, newUser];
    }}
    onauth-step-change={(event) =>
      event.detail.step satisfies 'loading' | 'username' | 'sign-up' | 'choose' | 'challenge' | 'signed-in'
    }
    onauth-signed-out={(event) => event.detail.username}
    onauth-error={(event) => `${event.detail.name}: ${event.detail.message}`}
  />
);

// Every attribute is optional: a page may configure Amplify itself.
export const bare = <custom-auth-login />;

// @ts-expect-error token-storage is local, session or cookie
export const wrongStorage = <custom-auth-login token-storage="indexeddb" />;

// @ts-expect-error auth-flow names one of the element's flows
export const wrongFlow = <custom-auth-login auth-flow="password" />;

export const userAuth = <custom-auth-login auth-flow="user-auth" preferred-challenge="WEB_AUTHN" />;

// @ts-expect-error preferred-challenge names a passwordless first factor
export const wrongFactor = <custom-auth-login auth-flow="user-auth" preferred-challenge="PASSWORD" />;

// @ts-expect-error an attribute value is a string, not a number
export const wrongType = <custom-auth-login user-pool-id={42} />;

// @ts-expect-error a number of seconds, not a word
export const wrongSeconds = <custom-auth-login resend-cooldown="soon" />;

// @ts-expect-error the adapter must implement the whole adapter contract
export const wrongAdapter = <custom-auth-login adapter={{ signIn: () => undefined }} />;

// @ts-expect-error auth-signed-in's detail has no such field
export const wrongDetail = <custom-auth-login onauth-signed-in={(event) => event.detail.password} />;
