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
