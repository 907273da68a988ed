/**
 * A passkey authenticator for the browser specs, through the DevTools protocol's WebAuthn domain: Chromium then
 * answers `navigator.credentials.create` and `.get` headless, as a platform authenticator with user verification
 * would (internal transport, resident keys), and a spec can make the user fail the verification, as when they
 * close the prompt.
 *
 * One command, `virtual-authenticator`, with `{ action }`:
 * - `add`: enables WebAuthn on the test page and adds an authenticator (replacing one added before);
 * - `verify`: `{ verified }`, whether the user passes the authenticator's user verification from now on;
 * - `credentials`: how many passkeys the authenticator holds;
 * - `remove`: removes it, with its passkeys.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';
import type { CDPSession } from 'puppeteer-core';

/**
 * A device's built-in authenticator holding discoverable passkeys and verifying its user (a PIN or a
 * fingerprint, always given), answering without a prompt: the options of DevTools' `WebAuthn.addVirtualAuthenticator`.
 */
export const PLATFORM_PASSKEY_AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

/** What a spec sends. */
export type VirtualAuthenticatorCommand =
  { readonly action: 'add' | 'credentials' | 'remove' } | { readonly action: 'verify'; readonly verified: boolean };

interface Authenticator {
  readonly devtools: CDPSession;
  readonly authenticatorId: string;
}

export function virtualAuthenticatorPlugin(): TestRunnerPlugin {
  /** By test session: each test file has its own page. */
  const authenticators = new Map<string, Authenticator>();

  async function remove(sessionId: string): Promise<void> {
    const current = authenticators.get(sessionId);
    authenticators.delete(sessionId);
    if (current) {
      await current.devtools.send('WebAuthn.removeVirtualAuthenticator', {
        authenticatorId: current.authenticatorId,
      });
      await current.devtools.detach();
    }
  }

  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (command !== 'virtual-authenticator') return undefined;
      const request = payload as VirtualAuthenticatorCommand;
      if (request.action === 'remove') {
        await remove(session.id);
        return true;
      }
      if (request.action === 'add') {
        await remove(session.id);
        const page = (session.browser as ChromeLauncher).getPage(session.id);
        const devtools = await page.createCDPSession();
        await devtools.send('WebAuthn.enable');
        const { authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
          options: PLATFORM_PASSKEY_AUTHENTICATOR,
        });
        authenticators.set(session.id, { devtools, authenticatorId });
        return true;
      }
      const current = authenticators.get(session.id);
      if (!current) throw new Error('no virtual authenticator: send { action: "add" } first');
      const { devtools, authenticatorId } = current;
      if (request.action === 'verify') {
        await devtools.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: request.verified });
        return true;
      }
      const { credentials } = await devtools.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials.length;
    },
  };
}
