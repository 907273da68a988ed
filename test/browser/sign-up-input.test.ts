import { expect } from '@open-wc/testing';
import { emptyFields } from '../../src/sign-in-follow-ups.js';
import {
  passwordLength,
  signUpAttributeNames,
  signUpRequest,
  strongPassword,
  type RandomSource,
} from '../../src/sign-up-input.js';

const fields = (username: string, extra: Record<string, string> = {}) => ({ ...emptyFields, username, ...extra });

describe('sign-up input', () => {
  describe('the password nobody types', () => {
    it("meets every policy a Cognito pool can set: 99 characters or more, each class, Cognito's symbols only", () => {
      for (let i = 0; i < 50; i++) {
        const password = strongPassword();
        expect(password).to.have.length(passwordLength);
        expect(passwordLength).to.be.at.least(99);
        expect(password).to.match(/[A-Z]/);
        expect(password).to.match(/[a-z]/);
        expect(password).to.match(/[0-9]/);
        expect(password).to.match(/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/);
        expect(password).to.match(/^[A-Za-z0-9^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]+$/);
      }
    });

    it('is drawn from the random source, so two sign-ups never share one', () => {
      expect(strongPassword()).not.to.equal(strongPassword());
      const zeros: RandomSource = (values) => values.fill(0);
      expect(strongPassword(zeros)).to.equal(strongPassword(zeros), 'nothing but the source decides it');
    });

    it('still has each class when the source keeps picking the same character', () => {
      const sevens: RandomSource = (values) => values.fill(7);
      const password = strongPassword(sevens);
      for (const pattern of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(password).to.match(pattern);
    });
  });

  describe('the request', () => {
    it('sends the trimmed address, a fresh password and the extra attributes that were filled in', () => {
      const request = signUpRequest(fields('  New@Example.com ', { name: ' Ann ', nickname: '' }), [
        'name',
        'nickname',
      ]);
      expect(request).to.deep.include({ username: 'New@Example.com', attributes: { name: 'Ann' } });
      expect((request as { password: string }).password).to.have.length(passwordLength);
    });

    it('refuses what is not an address before any request', () => {
      for (const typed of ['', '   ', 'alice', 'alice@', '@example.com', 'alice@example', 'a b@example.com']) {
        expect(signUpRequest(fields(typed), []), typed).to.deep.equal({ type: 'input-invalid', name: 'InvalidEmail' });
      }
    });

    it("refuses an address longer than Cognito's 128 characters", () => {
      const long = `${'a'.repeat(120)}@example.com`;
      expect(signUpRequest(fields(long), [])).to.deep.equal({
        type: 'input-invalid',
        name: 'SignInUsernameTooLong',
        params: { max: 128 },
      });
    });
  });

  describe('sign-up-attributes', () => {
    it('names the known attributes, in order, once each, separated by spaces or commas; others are ignored', () => {
      expect(signUpAttributeNames('name, family_name given_name name custom:x email')).to.deep.equal([
        'name',
        'family_name',
        'given_name',
      ]);
      expect(signUpAttributeNames(undefined)).to.deep.equal([]);
      expect(signUpAttributeNames(null)).to.deep.equal([]);
    });
  });
});
