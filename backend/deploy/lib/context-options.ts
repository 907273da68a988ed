import { RemovalPolicy } from 'aws-cdk-lib';
import type { Node } from 'constructs';

/** The CDK context key (`-c userPoolRemovalPolicy=destroy`) that decides the pool's fate on `cdk destroy`. */
export const USER_POOL_REMOVAL_CONTEXT_KEY = 'userPoolRemovalPolicy';

const REMOVAL_POLICIES: ReadonlyMap<string, RemovalPolicy> = new Map([
  ['retain', RemovalPolicy.RETAIN],
  ['destroy', RemovalPolicy.DESTROY],
]);

/**
 * Reads the user pool's removal policy from the CDK context: `retain` (the default) or `destroy`.
 * Anything else is refused with the allowed values, rather than silently retaining or deleting.
 */
export function userPoolRemovalPolicyFromContext(node: Node): RemovalPolicy {
  const value: unknown = node.tryGetContext(USER_POOL_REMOVAL_CONTEXT_KEY);
  if (value === undefined) return RemovalPolicy.RETAIN;
  const policy = typeof value === 'string' ? REMOVAL_POLICIES.get(value.trim().toLowerCase()) : undefined;
  if (policy === undefined) {
    throw new Error(
      `Context ${USER_POOL_REMOVAL_CONTEXT_KEY} must be "retain" or "destroy", got ${JSON.stringify(value)}.`,
    );
  }
  return policy;
}

/** The first factors of Cognito's own passwordless sign-in; Cognito always allows PASSWORD besides them. */
export const PASSWORDLESS_FACTORS = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;
export type PasswordlessFactor = (typeof PASSWORDLESS_FACTORS)[number];

/** Cognito's choice-based sign-in (`USER_AUTH`) on the stack's pool; see {@link userAuthFromContext}. */
export interface UserAuthStackOptions {
  /** The passwordless first factors the pool allows (its sign-in policy, beside PASSWORD). */
  readonly firstFactors: readonly PasswordlessFactor[];
  /** The WebAuthn relying party: the host name of the pages that register and use passkeys. */
  readonly passkeyRelyingPartyId: string | undefined;
  /** Whether passkeys must verify the user (`required`) or only should (`preferred`). */
  readonly passkeyUserVerification: 'required' | 'preferred';
  /** Whether the custom flow and its triggers stay beside USER_AUTH. */
  readonly customAuth: boolean;
}

/** The CDK context keys of {@link userAuthFromContext}. */
export const USER_AUTH_CONTEXT_KEYS = {
  firstFactors: 'userAuth',
  relyingPartyId: 'passkeyRelyingPartyId',
  userVerification: 'passkeyUserVerification',
  customAuth: 'customAuth',
} as const;

/**
 * Reads the USER_AUTH options from the CDK context, for example
 * `-c userAuth=EMAIL_OTP,WEB_AUTHN -c passkeyRelyingPartyId=app.example.com -c customAuth=false`.
 * Without `userAuth` the stack is the custom flow alone (undefined). These are synthesis-time choices because
 * they decide which resources exist (the feature plan, the triggers), not only their settings.
 * Every mistake is refused with what is allowed, rather than deploying a pool that cannot sign anyone in.
 */
export function userAuthFromContext(node: Node): UserAuthStackOptions | undefined {
  const keys = USER_AUTH_CONTEXT_KEYS;
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' && typeof value !== 'boolean') {
      throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}.`);
    }
    return String(value).trim();
  };
  const factorsText = text(keys.firstFactors);
  const relyingPartyId = text(keys.relyingPartyId)?.toLowerCase();
  const verification = text(keys.userVerification)?.toLowerCase();
  const customAuthText = text(keys.customAuth)?.toLowerCase();
  if (factorsText === undefined) {
    const stray = [keys.relyingPartyId, keys.userVerification, keys.customAuth].filter(
      (key) => text(key) !== undefined,
    );
    if (stray.length > 0)
      throw new Error(`Context ${stray.join(', ')} needs ${keys.firstFactors} (the first factors).`);
    return undefined;
  }
  const factors = factorsText
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry !== '' && entry !== 'PASSWORD');
  const unknown = factors.filter((entry) => !(PASSWORDLESS_FACTORS as readonly string[]).includes(entry));
  if (factors.length === 0 || unknown.length > 0) {
    throw new Error(
      `Context ${keys.firstFactors} must list some of ${PASSWORDLESS_FACTORS.join(', ')}, got ${JSON.stringify(factorsText)}.`,
    );
  }
  const firstFactors = [...new Set(factors)] as PasswordlessFactor[];
  if (firstFactors.includes('WEB_AUTHN') && !relyingPartyId) {
    throw new Error(
      `Context ${keys.relyingPartyId} is needed with WEB_AUTHN: the host name of the pages that use passkeys.`,
    );
  }
  if (relyingPartyId !== undefined && !/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(relyingPartyId)) {
    throw new Error(`Context ${keys.relyingPartyId} must be a host name, got ${JSON.stringify(relyingPartyId)}.`);
  }
  if (verification !== undefined && verification !== 'required' && verification !== 'preferred') {
    throw new Error(
      `Context ${keys.userVerification} must be "required" or "preferred", got ${JSON.stringify(verification)}.`,
    );
  }
  if (customAuthText !== undefined && customAuthText !== 'true' && customAuthText !== 'false') {
    throw new Error(`Context ${keys.customAuth} must be "true" or "false", got ${JSON.stringify(customAuthText)}.`);
  }
  return {
    firstFactors,
    passkeyRelyingPartyId: relyingPartyId,
    passkeyUserVerification: verification ?? 'required',
    customAuth: customAuthText !== 'false',
  };
}
