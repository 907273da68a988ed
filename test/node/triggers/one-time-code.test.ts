import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decoyDestination, decoyPhone, maskEmail, maskPhone } from '../../../backend/triggers/mask-destination.ts';
import {
  codesMatch,
  formatCodeMetadata,
  generateCode,
  parseCodeMetadata,
} from '../../../backend/triggers/one-time-code.ts';
import { readTriggerConfig } from '../../../backend/triggers/trigger-config.ts';

describe('one-time codes', () => {
  describe('when generated', () => {
    it('have the requested number of decimal digits', () => {
      for (const length of [4, 6, 8, 12]) assert.match(generateCode(length), new RegExp(`^\\d{${length}}$`));
    });

    it('draw every one of the ten digits, in roughly equal numbers', () => {
      const counts = new Array<number>(10).fill(0);
      const draws = 2_000;
      for (let i = 0; i < draws; i++) for (const digit of generateCode(6)) counts[Number(digit)]!++;
      const expected = (draws * 6) / 10;
      counts.forEach((count, digit) => {
        assert.ok(count > 0, `digit ${digit} never drawn`);
        // Nine standard deviations either side: a correct generator essentially never fails this.
        assert.ok(
          Math.abs(count - expected) < expected * 0.25,
          `digit ${digit} drawn ${count} times, expected ~${expected}`,
        );
      });
    });

    it('keep leading zeros', () => {
      const digits = [0, 0, 7, 9, 1, 3];
      assert.equal(
        generateCode(6, () => digits.shift()!),
        '007913',
      );
    });
  });

  describe('when carried in challenge metadata', () => {
    it('round-trip with their expiry', () => {
      const issued = { code: '007913', expiresAt: 1_795_000_000_000 };
      assert.equal(formatCodeMetadata(issued), 'CODE-007913-1795000000000');
      assert.deepEqual(parseCodeMetadata(formatCodeMetadata(issued)), issued);
    });

    it('ignore metadata of any other form', () => {
      for (const metadata of [undefined, '', 'CODE-', 'CODE-12a4-1', 'CODE-1234', 'code-1234-1', 'X CODE-1234-1']) {
        assert.equal(parseCodeMetadata(metadata), undefined, String(metadata));
      }
    });
  });

  describe('when compared with an answer', () => {
    it('match only the identical string', () => {
      assert.equal(codesMatch('123456', '123456'), true);
      assert.equal(codesMatch('123457', '123456'), false);
      assert.equal(codesMatch('12345', '123456'), false);
      assert.equal(codesMatch('1234567', '123456'), false);
    });

    it('never match when no code was issued', () => {
      assert.equal(codesMatch('', ''), false);
    });
  });
});

describe('masked destinations', () => {
  it('keep the first letter of the mailbox and domain and the top-level domain', () => {
    assert.equal(maskEmail('alice@example.com'), 'a***@e***.com');
    assert.equal(maskEmail('bob@mail.example.co.uk'), 'b***@m***.uk');
    assert.equal(maskEmail('émile@ünï.de'), 'é***@ü***.de');
  });

  it('are undefined for text that is not an address', () => {
    for (const text of ['alice', 'alice@', '@example.com', 'alice@localhost', 'a b@example.com']) {
      assert.equal(maskEmail(text), undefined, text);
    }
  });

  it('for unknown users look like real ones', () => {
    assert.equal(decoyDestination('nobody@example.org'), 'n***@e***.org');
    assert.match(decoyDestination('carol'), /^c\*\*\*@[a-z]\*\*\*\.com$/);
    assert.equal(decoyDestination('carol'), decoyDestination('carol'));
  });

  it('keep the last four digits of a phone number, as Cognito shows it', () => {
    assert.equal(maskPhone('+15555550123'), '+*******0123');
    assert.equal(maskPhone('+4915112345678'), '+*********5678');
    for (const text of ['5555550123', '+1 555 555 0123', '+123', 'alice@example.com']) {
      assert.equal(maskPhone(text), undefined, text);
    }
  });

  it('for a phone number nobody has look like a real one, the same each time for a name', () => {
    assert.match(decoyPhone('nobody@example.com'), /^\+\*{7}\d{4}$/);
    assert.equal(decoyPhone('Nobody@Example.com'), decoyPhone('nobody@example.com'));
    assert.notEqual(decoyPhone('nobody@example.com'), decoyPhone('somebody@example.com'));
  });
});

describe('trigger settings', () => {
  it('default to six digits, three attempts, three minutes and the documented limits', () => {
    assert.deepEqual(readTriggerConfig({}), {
      codeLength: 6,
      maxAttempts: 3,
      codeLifetimeSeconds: 180,
      senderEmail: undefined,
      appName: 'your account',
      signInFactors: 'per-user',
      createMinDurationMs: 400,
      limitsTable: undefined,
      limits: { sendGapSeconds: 30, sendsPer15Minutes: 5, sendsPerDay: 20, failuresPerHour: 10, lockSeconds: 900 },
    });
  });

  it('are read from the environment', () => {
    const env = {
      CODE_LENGTH: '8',
      MAX_ATTEMPTS: '5',
      CODE_LIFETIME_SECONDS: '300',
      SENDER_EMAIL: ' no-reply@example.com ',
      APP_NAME: 'Example Shop',
      SIGN_IN_FACTORS: 'password-and-code',
      CREATE_MIN_DURATION_MS: '250',
      LIMITS_TABLE: 'limits',
      SEND_GAP_SECONDS: '60',
      SENDS_PER_15_MINUTES: '3',
      SENDS_PER_DAY: '10',
      FAILURES_PER_HOUR: '5',
      LOCK_SECONDS: '1800',
    };
    assert.deepEqual(readTriggerConfig(env), {
      codeLength: 8,
      maxAttempts: 5,
      codeLifetimeSeconds: 300,
      senderEmail: 'no-reply@example.com',
      appName: 'Example Shop',
      signInFactors: 'password-and-code',
      createMinDurationMs: 250,
      limitsTable: 'limits',
      limits: { sendGapSeconds: 60, sendsPer15Minutes: 3, sendsPerDay: 10, failuresPerHour: 5, lockSeconds: 1800 },
    });
  });

  it('treat empty values as unset', () => {
    assert.equal(readTriggerConfig({ CODE_LENGTH: '', SENDER_EMAIL: ' ' }).codeLength, 6);
    assert.equal(readTriggerConfig({ SENDER_EMAIL: ' ' }).senderEmail, undefined);
  });

  it('reject values out of range with a message naming the variable', () => {
    assert.throws(
      () => readTriggerConfig({ CODE_LENGTH: '3' }),
      /CODE_LENGTH must be a whole number from 4 to 12, got "3"/,
    );
    assert.throws(() => readTriggerConfig({ CODE_LIFETIME_SECONDS: '1e3' }), /CODE_LIFETIME_SECONDS/);
  });
});
