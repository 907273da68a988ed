/**
 * Turns the element's configuration attributes into settings for the auth library, or into the reason they
 * cannot work. Pure: no DOM, no auth library, so every rule is checked by plain unit tests.
 */
import type { AuthAdapter, AuthFlowType, CognitoConfig, TokenStorageChoice } from './auth-adapter.js';

/** The values of the `auth-flow` attribute. */
export type AuthFlow = 'custom-without-srp' | 'custom-with-srp' | 'user-auth';

const authFlowTypes: Readonly<Record<AuthFlow, AuthFlowType>> = {
  'custom-without-srp': 'CUSTOM_WITHOUT_SRP',
  'custom-with-srp': 'CUSTOM_WITH_SRP',
  'user-auth': 'USER_AUTH',
};

/** `<region>_<name>`: the auth library takes the region from before the `_` and SRP uses the part after it. */
const userPoolIdPattern = /^[\w-]+_[0-9a-zA-Z]+$/;

/** The configuration attributes as the element holds them (a removed attribute reads as `null`). */
export interface ConfigAttributes {
  userPoolId?: string | null;
  userPoolClientId?: string | null;
  userPoolEndpoint?: string | null;
  authFlow?: string | null;
  /** `local`, `session` or `cookie`: where the auth library keeps the tokens; other values leave it alone. */
  tokenStorage?: string | null;
  /** For `cookie`: the cookies' domain. */
  cookieDomain?: string | null;
}

/** The token storage the attributes ask for, or undefined to leave the auth library's (or the page's) choice. */
export function tokenStorageChoice({ tokenStorage, cookieDomain }: ConfigAttributes): TokenStorageChoice | undefined {
  const kind = tokenStorage?.trim();
  if (kind !== 'local' && kind !== 'session' && kind !== 'cookie') return undefined;
  const domain = cookieDomain?.trim();
  return { kind, ...(kind === 'cookie' && domain ? { cookieDomain: domain } : {}) };
}

/** Why the attributes cannot work; each reason has its own explanation in the text table. */
export type ConfigProblem =
  | 'ConfigurationMissing'
  | 'ConfigurationMissingPoolId'
  | 'ConfigurationMissingClientId'
  | 'ConfigurationInvalidPoolId'
  | 'ConfigurationInvalidEndpoint'
  | 'ConfigurationInvalidAuthFlow'
  /** The page (or another element) already configured the auth library with another user pool. */
  | 'ConfigurationConflict'
  /** The attributes looked right but the auth library refused them (reported by whoever applies them). */
  | 'ConfigurationRejected';

export type ConfigResolution =
  | {
      ok: true;
      authFlowType: AuthFlowType;
      /** Settings to apply; absent when the auth library already holds the right ones. */
      config?: CognitoConfig;
    }
  | {
      ok: false;
      problem: ConfigProblem;
      /** The offending attribute value, for the message. */
      value?: string;
    };

/** Whether any pool attribute is set; without them the element uses the auth library's configuration. */
export const namesPool = ({ userPoolId, userPoolClientId, userPoolEndpoint }: ConfigAttributes): boolean =>
  !!(userPoolId?.trim() || userPoolClientId?.trim() || userPoolEndpoint?.trim());

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Decides how the element is configured. `current` is what the auth library holds: one configuration for the
 * whole page. Without pool attributes the element uses it; with them, it must be the same pool, unless the
 * element itself applied `current` (`applied`) and its attributes have changed since.
 */
export function resolveConfig(
  attributes: ConfigAttributes,
  current?: CognitoConfig,
  applied?: CognitoConfig,
): ConfigResolution {
  const userPoolId = attributes.userPoolId?.trim() ?? '';
  const userPoolClientId = attributes.userPoolClientId?.trim() ?? '';
  const userPoolEndpoint = attributes.userPoolEndpoint?.trim() ?? '';
  const authFlow = attributes.authFlow?.trim() || 'custom-without-srp';

  if (!Object.hasOwn(authFlowTypes, authFlow)) {
    return { ok: false, problem: 'ConfigurationInvalidAuthFlow', value: authFlow };
  }
  const authFlowType = authFlowTypes[authFlow as AuthFlow];

  if (!namesPool(attributes)) {
    return current ? { ok: true, authFlowType } : { ok: false, problem: 'ConfigurationMissing' };
  }
  if (!userPoolId) return { ok: false, problem: 'ConfigurationMissingPoolId' };
  if (!userPoolClientId) return { ok: false, problem: 'ConfigurationMissingClientId' };
  if (!userPoolIdPattern.test(userPoolId)) {
    return { ok: false, problem: 'ConfigurationInvalidPoolId', value: userPoolId };
  }
  if (userPoolEndpoint && !isAbsoluteHttpUrl(userPoolEndpoint)) {
    return { ok: false, problem: 'ConfigurationInvalidEndpoint', value: userPoolEndpoint };
  }
  const config = { userPoolId, userPoolClientId, ...(userPoolEndpoint ? { userPoolEndpoint } : {}) };
  const inPlace = JSON.stringify(current);
  if (inPlace === JSON.stringify(config)) return { ok: true, authFlowType };
  // Switching Amplify to another pool would silently break whoever configured it first.
  if (current && inPlace !== JSON.stringify(applied)) {
    return { ok: false, problem: 'ConfigurationConflict', value: current.userPoolId };
  }
  return { ok: true, authFlowType, config };
}

/**
 * Applies an element's pool attributes to the auth library, remembering what it applied: the settings an
 * element applied are the ones it may change again (see {@link resolveConfig}).
 */
export class PoolSettings {
  #applied?: CognitoConfig;

  /** Validates `attributes` and, when they say so, hands them to `adapter`'s auth library. */
  configure(attributes: ConfigAttributes, adapter: AuthAdapter): ConfigResolution {
    const resolution = resolveConfig(attributes, adapter.authConfig(), this.#applied);
    if (resolution.ok && resolution.config) {
      try {
        adapter.configure(resolution.config, tokenStorageChoice(attributes));
      } catch {
        return { ok: false, problem: 'ConfigurationRejected' };
      }
      this.#applied = resolution.config;
    }
    return resolution;
  }
}
