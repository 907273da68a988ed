import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, RemovalPolicy } from 'aws-cdk-lib';
import {
  USER_POOL_REMOVAL_CONTEXT_KEY,
  userPoolRemovalPolicyFromContext,
} from '../../../backend/deploy/lib/context-options.ts';

function policyFor(value: unknown): RemovalPolicy {
  const context = value === undefined ? {} : { [USER_POOL_REMOVAL_CONTEXT_KEY]: value };
  return userPoolRemovalPolicyFromContext(new App({ context }).node);
}

describe('the userPoolRemovalPolicy context option', () => {
  describe('when it is not given', () => {
    it('retains the user pool', () => {
      assert.equal(policyFor(undefined), RemovalPolicy.RETAIN);
    });
  });

  describe('when it is given', () => {
    it('accepts retain and destroy, in any case and with stray spaces', () => {
      assert.equal(policyFor('retain'), RemovalPolicy.RETAIN);
      assert.equal(policyFor('destroy'), RemovalPolicy.DESTROY);
      assert.equal(policyFor(' Destroy '), RemovalPolicy.DESTROY);
    });
  });

  describe('when it is anything else', () => {
    it('refuses with the allowed values instead of guessing', () => {
      for (const value of ['delete', '', 'snapshot', 'constructor', true, 1]) {
        assert.throws(
          () => policyFor(value),
          /userPoolRemovalPolicy must be "retain" or "destroy", got /,
          String(value),
        );
      }
    });
  });
});
