import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { CodeMessage } from '../../../backend/triggers/code-sender.ts';
import { createSesCodeSender } from '../../../backend/triggers/ses-code-sender.ts';
import { NOW, alice } from './fixtures.ts';
import { useLimitsTables } from './limits-fixture.ts';

const limitsTables = useLimitsTables();

const message: CodeMessage = {
  to: 'alice@example.com',
  username: 'alice@example.com',
  code: '042917',
  expiresAt: NOW + 180_000,
  appName: 'Example Shop',
};

function mockedClient() {
  const commands: SendEmailCommand[] = [];
  return {
    commands,
    client: {
      async send(command: SendEmailCommand) {
        commands.push(command);
        return { MessageId: 'test' };
      },
    },
  };
}

describe('SES code sender', () => {
  describe('when sending a code', () => {
    it('sends one SendEmail command from the sender address to the user', async () => {
      const { commands, client } = mockedClient();
      await createSesCodeSender({ senderEmail: 'no-reply@example.com', client, now: () => NOW }).send(message);
      assert.equal(commands.length, 1);
      assert.ok(commands[0] instanceof SendEmailCommand);
      const input = commands[0].input;
      assert.equal(input.Source, 'no-reply@example.com');
      assert.deepEqual(input.Destination, { ToAddresses: ['alice@example.com'] });
    });

    it('puts the code, the app and its validity in a plain-text body, and keeps the code out of the subject', async () => {
      const { commands, client } = mockedClient();
      await createSesCodeSender({ senderEmail: 'no-reply@example.com', client, now: () => NOW }).send(message);
      const { Subject, Body } = commands[0]!.input.Message!;
      assert.equal(Subject!.Data, 'Your sign-in code for Example Shop');
      assert.doesNotMatch(Subject!.Data!, /\d/);
      assert.match(Body!.Text!.Data!, /Your code to sign in to Example Shop is 042917/);
      assert.match(Body!.Text!.Data!, /valid for 3 minutes/);
      assert.equal(Body!.Html, undefined);
    });

    it('says the code is never asked for by phone or chat', async () => {
      const { commands, client } = mockedClient();
      await createSesCodeSender({ senderEmail: 'no-reply@example.com', client, now: () => NOW }).send(message);
      assert.match(commands[0]!.input.Message!.Body!.Text!.Data!, /never ask you for this code by phone, chat/);
    });

    it('serialises to the SES query request through the SDK client itself', async () => {
      const client = new SESClient({
        region: 'eu-west-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      let wire: { method: string; hostname: string; body: string } | undefined;
      client.middlewareStack.add(
        () => async (args) => {
          const request = args.request as { method: string; hostname: string; body: string };
          wire = { method: request.method, hostname: request.hostname, body: String(request.body) };
          throw new Error('captured before the network');
        },
        { step: 'finalizeRequest', name: 'captureRequest', priority: 'low' },
      );
      const sender = createSesCodeSender({ senderEmail: 'no-reply@example.com', client, now: () => NOW });
      await assert.rejects(sender.send(message), /captured before the network/);
      assert.equal(wire?.method, 'POST');
      assert.equal(wire?.hostname, 'email.eu-west-1.amazonaws.com');
      const form = new URLSearchParams(wire?.body);
      assert.equal(form.get('Action'), 'SendEmail');
      assert.equal(form.get('Source'), 'no-reply@example.com');
      assert.equal(form.get('Destination.ToAddresses.member.1'), 'alice@example.com');
      assert.match(form.get('Message.Body.Text.Data') ?? '', /042917/);
    });
  });

  describe('when SENDER_EMAIL is missing', () => {
    it('fails with a message saying so, without calling SES', async () => {
      const { commands, client } = mockedClient();
      await assert.rejects(
        createSesCodeSender({ senderEmail: undefined, client }).send(message),
        /SENDER_EMAIL is not set/,
      );
      assert.equal(commands.length, 0);
    });

    it('makes the deployed Create trigger log it and answer as if sent, like any failed send', async (t) => {
      const tableName = 'sender-missing';
      await limitsTables.createTable(tableName);
      const variables = {
        LIMITS_TABLE: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: limitsTables.endpoint(),
        AWS_REGION: 'local',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        CREATE_MIN_DURATION_MS: '0',
      };
      const saved = { ...process.env };
      t.after(() => {
        for (const name of [...Object.keys(variables), 'SENDER_EMAIL']) {
          if (saved[name] === undefined) delete process.env[name];
          else process.env[name] = saved[name];
        }
      });
      delete process.env.SENDER_EMAIL;
      Object.assign(process.env, variables);
      const warnings = t.mock.method(console, 'warn', () => {});
      const { handler } = await import('../../../backend/triggers/create-auth-challenge.ts');
      const { createAuthChallengeEvent } = await import('../../../backend/triggers/trigger-events.ts');
      const { response } = await handler(createAuthChallengeEvent(alice, []));
      assert.equal(response.publicChallengeParameters.destination, 'a***@e***.com');
      assert.equal(warnings.mock.callCount(), 1);
      assert.match(String(warnings.mock.calls[0]!.arguments[0]), /SENDER_EMAIL is not set/);
    });
  });
});
