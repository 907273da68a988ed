/**
 * Turns the element's configuration attributes into settings for the auth library, or into the reason they
 * cannot work. Pure: no DOM, no auth library, so every rule is checked by plain unit tests.
 */
import type { AuthFlowType, CognitoConfig } from './auth-adapter.js';

/** The values of the `auth-flow` attribute. */
export type AuthFlow = 'custom-without-srp' | 'custom-with-srp';

const authFlowTypes: Readonly<Record<AuthFlow, AuthFlowType>> = {
  'custom-without-srp': 'CUSTOM_WITHOUT_SRP',
  'custom-with-srp': 'CUSTOM_WITH_SRP',
};

/** `<region>_<name>`: the auth library takes the region from before the `_` and SRP uses the part after it. */
const userPoolIdPattern = /^[\w-]+_[0-9a-zA-Z]+$/;

/** The configuration attributes as the element holds them (a removed attribute reads as `null`). */
export interface ConfigAttributes {
  userPoolId?: string | null;
  userPoolClientId?: string | null;
  userPoolEndpoint?: string | null;
  authFlow?: string | null;
}

/** Why the attributes cannot work; each reason has its own explanation in the text table. */
export type ConfigProblem =
  | 'ConfigurationMissing'
  | 'ConfigurationMissingPoolId'
  | 'ConfigurationMissingClientId'
  | 'ConfigurationInvalidPoolId'
  | 'ConfigurationInvalidEndpoint'
  | 'ConfigurationInvalidAuthFlow'
  /** The attributes looked right but the auth library refused them (reported by whoever applies them). */
  | 'ConfigurationRejected';

export type ConfigResolution =
  | {
      ok: true;
      authFlowType: AuthFlowType;
      /** Settings to apply; absent when the page's own configuration is used as it is. */
      config?: CognitoConfig;
    }
  | {
      ok: false;
      problem: ConfigProblem;
      /** The offending attribute value, for the message. */
      value?: string;
    };

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Decides how the element is configured. Attributes win; when none of the pool attributes is set, a
 * configuration the page already gave the auth library is used instead.
 */
export function resolveConfig(attributes: ConfigAttributes, pageHasAuthConfig: boolean): ConfigResolution {
  const userPoolId = attributes.userPoolId?.trim() ?? '';
  const userPoolClientId = attributes.userPoolClientId?.trim() ?? '';
  const userPoolEndpoint = attributes.userPoolEndpoint?.trim() ?? '';
  const authFlow = attributes.authFlow?.trim() || 'custom-without-srp';

  if (!Object.hasOwn(authFlowTypes, authFlow)) {
    return { ok: false, problem: 'ConfigurationInvalidAuthFlow', value: authFlow };
  }
  const authFlowType = authFlowTypes[authFlow as AuthFlow];

  if (!userPoolId && !userPoolClientId && !userPoolEndpoint) {
    return pageHasAuthConfig ? { ok: true, authFlowType } : { ok: false, problem: 'ConfigurationMissing' };
  }
  if (!userPoolId) return { ok: false, problem: 'ConfigurationMissingPoolId' };
  if (!userPoolClientId) return { ok: false, problem: 'ConfigurationMissingClientId' };
  if (!userPoolIdPattern.test(userPoolId)) {
    return { ok: false, problem: 'ConfigurationInvalidPoolId', value: userPoolId };
  }
  if (userPoolEndpoint && !isAbsoluteHttpUrl(userPoolEndpoint)) {
    return { ok: false, problem: 'ConfigurationInvalidEndpoint', value: userPoolEndpoint };
  }
  return {
    ok: true,
    authFlowType,
    config: { userPoolId, userPoolClientId, ...(userPoolEndpoint ? { userPoolEndpoint } : {}) },
  };
}
