import { createKmsLinkSigner } from './kms-link-signer.ts';
import { linksFromConfig } from './link-store.ts';
import type { SignInLinks } from './sign-in-links.ts';
import type { TriggerEnv } from './trigger-config.ts';

/**
 * The sign-in links of the Lambda entry points: on when the stack set `LINK_SIGNING_KEY_ID` (the ARN of its KMS
 * key, which it sets only with links turned on), signed by that key and recorded in the limiter's table.
 * Undefined otherwise: the triggers then send codes only, and Pre authentication refuses any link.
 */
export function signInLinksFromEnv(env: TriggerEnv = process.env): SignInLinks | undefined {
  const keyId = env.LINK_SIGNING_KEY_ID?.trim();
  if (!keyId) return undefined;
  return { signer: createKmsLinkSigner({ keyId }), store: linksFromConfig() };
}
