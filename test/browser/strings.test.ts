import { expect } from '@open-wc/testing';
import { englishStrings, errorTextKey, text } from '../../src/strings.js';

describe('strings', () => {
  it('fills placeholders', () => {
    expect(text('challenge.prompt', { destination: 'a***@e***.com' })).to.equal(
      'Enter the code we sent to a***@e***.com.',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(text('challenge.prompt')).to.equal('Enter the code we sent to {destination}.');
  });

  it('inserts values literally, even ones that look like replacement patterns', () => {
    expect(text('signed-in.message', { username: '$& {username} $1' })).to.equal('Signed in as $& {username} $1.');
  });

  it('finds the text for a known error name', () => {
    expect(errorTextKey('CodeExpired')).to.equal('error.CodeExpired');
    expect(text(errorTextKey('CodeExpired'))).to.equal('Your code has expired. Request a new one.');
  });

  it('falls back to a generic text for any other name', () => {
    for (const name of ['UserLambdaValidationException', 'toString', '__proto__', '']) {
      expect(errorTextKey(name), name).to.equal('error.fallback');
    }
  });

  it('keeps lock-out and expiry apart', () => {
    expect(englishStrings['error.TooManyWrongCodes']).to.not.equal(englishStrings['error.CodeExpired']);
  });
});
