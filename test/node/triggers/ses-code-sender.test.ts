import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { CodeMessage } from '../../../backend/triggers/code-sender.ts';
import { createSesCodeSender } from '../../../backend/triggers/ses-code-sender.ts';
import { NOW, alice } from './fixtures.ts';

const message: CodeMessage = {
  to: 'alice@example.com',
  username: 'alice@example.com',
  code: '042917',
  expiresAt: NOW + 180_000,
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

    it('puts the code and its validity in a plain-text message', async () => {
      const { commands, client } = mockedClient();
      await createSesCodeSender({ senderEmail: 'no-reply@example.com', client, now: () => NOW }).send(message);
      const { Subject, Body } = commands[0]!.input.Message!;
      assert.match(Subject!.Data!, /042917/);
      assert.match(Body!.Text!.Data!, /Your sign-in code is 042917/);
      assert.match(Body!.Text!.Data!, /valid for 3 minutes/);
      assert.equal(Body!.Html, undefined);
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

    it('makes the deployed Create trigger fail clearly', async () => {
      delete process.env.SENDER_EMAIL;
      const { handler } = await import('../../../backend/triggers/create-auth-challenge.ts');
      const { createAuthChallengeEvent } = await import('../../../backend/triggers/trigger-events.ts');
      await assert.rejects(handler(createAuthChallengeEvent(alice, [])), /SENDER_EMAIL is not set/);
    });
  });
});
