import { Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** The one address a function may send from, and the verified SES identity that covers it. */
export interface SesSender {
  /** The "from" address. */
  readonly address: string;
  /** The verified identity: the address itself or its domain. */
  readonly identity: string;
}

/**
 * Lets `grantee` send email through SES from `sender.address` and nothing else: the statement names
 * only the sender's identity, and the `ses:FromAddress` condition pins the "from" address, so even a
 * verified domain identity cannot be used to send as some other address on that domain.
 */
export function grantSesSendFrom(grantee: IGrantable & IConstruct, sender: SesSender): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      // SendEmail only: the sender builds a simple message and never calls SendRawEmail.
      actions: ['ses:SendEmail'],
      resources: [Stack.of(grantee).formatArn({ service: 'ses', resource: 'identity', resourceName: sender.identity })],
      conditions: { StringEquals: { 'ses:FromAddress': sender.address } },
    }),
  );
}
