import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cognitoRequest } from '../../../backend/local-cognito/dev-client.ts';
import { start } from '../../../backend/local-cognito/server.ts';

const CLI = 'backend/local-cognito/cli.ts';

/** Runs the CLI with tsx, collecting its output; `waitFor` resolves once stdout matches. */
function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, COGNITO_PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(stdout)) {
      const settled = await Promise.race([once(child.stdout, 'data').then(() => false), exited.then(() => true)]);
      if (settled && !pattern.test(stdout)) throw new Error(`CLI exited before printing ${pattern}: ${stderr}`);
    }
    return pattern.exec(stdout)!;
  };
  return { child, exited, waitFor };
}

describe('local Cognito command line', () => {
  describe('when started', () => {
    it('prints the endpoint URL, pool id and client id, then every code it sends', async () => {
      const cli = runCli(['--port', '0', '--session-ttl', '60']);
      try {
        const [, url] = await cli.waitFor(/local Cognito endpoint: (http:\/\/127\.0\.0\.1:\d+\/)/);
        await cli.waitFor(/user pool id: +local_devpool/);
        await cli.waitFor(/app client id: +localdevclient/);
        const response = await cognitoRequest(url!, 'InitiateAuth', {
          AuthFlow: 'CUSTOM_AUTH',
          ClientId: 'localdevclient',
          AuthParameters: { USERNAME: 'alice@example.com' },
        });
        assert.equal(response.status, 200);
        await cli.waitFor(/code \d{6} sent to alice@example\.com/);
      } finally {
        cli.child.kill('SIGTERM');
      }
      assert.equal((await cli.exited).code, 0);
    });

    it('takes its users from --users', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'local-cognito-'));
      const file = join(dir, 'users.json');
      await writeFile(file, JSON.stringify([{ email: 'dora@example.com' }]));
      const cli = runCli(['--port', '0', '--users', file]);
      try {
        const [, url] = await cli.waitFor(/local Cognito endpoint: (\S+)/);
        await cognitoRequest(url!, 'InitiateAuth', {
          AuthFlow: 'CUSTOM_AUTH',
          ClientId: 'localdevclient',
          AuthParameters: { USERNAME: 'dora@example.com' },
        });
        await cli.waitFor(/sent to dora@example\.com/);
      } finally {
        cli.child.kill('SIGTERM');
      }
      await cli.exited;
    });
  });

  describe('when started with --user-auth', () => {
    it('allows USER_AUTH with those first factors and names them', async () => {
      const cli = runCli(['--port', '0', '--user-auth', 'email_otp,WEB_AUTHN', '--relying-party-id', 'localhost']);
      try {
        const [, url] = await cli.waitFor(/local Cognito endpoint: (\S+)/);
        await cli.waitFor(/USER_AUTH first factors: EMAIL_OTP, WEB_AUTHN/);
        const response = await cognitoRequest(url!, 'InitiateAuth', {
          AuthFlow: 'USER_AUTH',
          ClientId: 'localdevclient',
          AuthParameters: { USERNAME: 'alice@example.com' },
        });
        assert.equal(response.status, 200);
        assert.deepEqual((response.body as { AvailableChallenges: string[] }).AvailableChallenges, [
          'EMAIL_OTP',
          'WEB_AUTHN',
        ]);
      } finally {
        cli.child.kill('SIGTERM');
      }
      await cli.exited;
    });
  });

  describe('when started with --self-sign-up --no-custom-auth --user-auth EMAIL_OTP', () => {
    it('takes passwordless sign-ups, confirmed by the emailed code, and refuses the custom flow', async () => {
      const cli = runCli(['--port', '0', '--self-sign-up', '--no-custom-auth', '--user-auth', 'EMAIL_OTP']);
      try {
        const [, url] = await cli.waitFor(/local Cognito endpoint: (\S+)/);
        const ClientId = 'localdevclient';
        const signUp = await cognitoRequest(url!, 'SignUp', { ClientId, Username: 'new@example.com' });
        assert.equal(signUp.status, 200);
        assert.equal((signUp.body as { UserConfirmed: boolean }).UserConfirmed, false);
        const [, code] = await cli.waitFor(/code (\d+) sent to new@example\.com/);
        const confirmed = await cognitoRequest(url!, 'ConfirmSignUp', {
          ClientId,
          Username: 'new@example.com',
          ConfirmationCode: code,
        });
        assert.equal(confirmed.status, 200);
        const custom = await cognitoRequest(url!, 'InitiateAuth', {
          AuthFlow: 'CUSTOM_AUTH',
          ClientId,
          AuthParameters: { USERNAME: 'new@example.com' },
        });
        assert.equal((custom.body as { message: string }).message, 'CUSTOM_AUTH flow not enabled for this client');
      } finally {
        cli.child.kill('SIGTERM');
      }
      await cli.exited;
    });
  });

  describe('when it cannot start', () => {
    it('names the busy port and COGNITO_PORT in one line, exiting with 1', async () => {
      const busy = await start({ port: 0, log: () => {} });
      try {
        const port = new URL(busy.url).port;
        const { code, stderr } = await runCli([], { COGNITO_PORT: port }).exited;
        assert.equal(code, 1);
        assert.equal(stderr.trim().split('\n').length, 1);
        assert.match(stderr, new RegExp(`port ${port} is already in use.*COGNITO_PORT`));
      } finally {
        await busy.close();
      }
    });

    it('explains a bad port, a missing users file and an unknown option', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['--port', 'eighty'], /--port must be a whole number, got "eighty"/],
        [['--port', '0', '--users', '/nonexistent/users.json'], /users file not found: \/nonexistent\/users\.json/],
        [['--verbose'], /Unknown option '--verbose'/],
        [['--user-auth', 'EMAIL_OTP,FACE_ID'], /--user-auth: first factors must be some of EMAIL_OTP, SMS_OTP/],
        [['--user-auth', 'WEB_AUTHN', '--user-verification', 'always'], /--user-verification must be required/],
        [['--relying-party-id', 'localhost'], /need --user-auth/],
        [['--no-custom-auth'], /--no-custom-auth needs --user-auth/],
        [['--user-auth', 'WEB_AUTHN', '--relying-party-id', 'http://x'], /relying party id must be a host name/],
      ];
      for (const [args, message] of cases) {
        const { code, stderr } = await runCli(args).exited;
        assert.equal(code, 1, args.join(' '));
        assert.match(stderr, message);
      }
    });
  });
});
