/**
 * The texts of configuration problems. They name attributes and are meant for whoever builds the page, so they
 * are English only; and a page that is set up never shows one, so they are a chunk of their own, which the element
 * fetches when it meets a problem and adds to the English table (see `loadConfigurationTexts`).
 */
import type { ConfigProblem } from './auth-config.js';

export const configurationTexts: Readonly<Record<ConfigProblem, string>> = {
  ConfigurationMissing: 'This sign-in form is not set up: set its user-pool-id and user-pool-client-id attributes.',
  ConfigurationMissingPoolId: 'This sign-in form is not set up: set its user-pool-id attribute.',
  ConfigurationMissingClientId: 'This sign-in form is not set up: set its user-pool-client-id attribute.',
  ConfigurationInvalidPoolId: 'This sign-in form is not set up: user-pool-id "{value}" is not like eu-west-1_AbC123.',
  ConfigurationInvalidEndpoint:
    'This sign-in form is not set up: user-pool-endpoint "{value}" is not an absolute http(s) URL.',
  ConfigurationInvalidAuthFlow:
    'This sign-in form is not set up: auth-flow "{value}" is not custom-without-srp, custom-with-srp or user-auth.',
  ConfigurationRejected: 'This sign-in form is not set up: the sign-in library rejected its settings.',
  ConfigurationConflict:
    'This sign-in form is not set up: this page already uses user pool {value} (one pool per page).',
};
