import { expect, fixture, html } from '@open-wc/testing';
import { configurationTexts } from '../../src/configuration-texts.js';
import {
  findText,
  format,
  formatDuration,
  hasTexts,
  languageOf,
  loadConfigurationTexts,
  loadTexts,
  textSources,
} from '../../src/strings.js';
import { de } from '../../src/strings/de.js';
import { en, type TranslatedKey } from '../../src/strings/en.js';
import { enLink, type LinkTextKey } from '../../src/strings/en-link.js';
import { es } from '../../src/strings/es.js';
import { fr } from '../../src/strings/fr.js';
import { stagingLanguages } from './support/staged-language.js';

const translations = { de, fr, es };

/** The `{name}` placeholders of a text, sorted. */
const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('strings', () => {
  describe('the tables', () => {
    for (const [language, table] of Object.entries(translations)) {
      it(`${language} translates every text but the configuration problems, with the same placeholders`, () => {
        // The sign-in link's English texts travel in its chunk; the translations hold them like the others.
        const english: Readonly<Record<string, string>> = { ...en, ...enLink };
        const translated = Object.keys(english).filter((key) => !key.startsWith('Configuration')) as Array<
          TranslatedKey | LinkTextKey
        >;
        expect(Object.keys(table).sort()).to.deep.equal([...translated].sort());
        for (const key of translated) {
          expect(placeholdersOf(table[key]), `${language}.${key}`).to.deep.equal(placeholdersOf(english[key]!));
          expect(table[key], `${language}.${key}`).to.not.equal('');
        }
      });
    }

    it('keeps lock-out and expiry apart', () => {
      expect(en.TooManyWrongCodes).to.not.equal(en.CodeExpired);
    });
  });

  describe('when a language’s table is fetched', () => {
    const stage = stagingLanguages();

    it('has English and languages without a table at hand from the start', () => {
      for (const language of ['en', 'en-gb', '', 'it']) expect(hasTexts(language), language).to.equal(true);
    });

    it('speaks English until the table arrives, then the language', async () => {
      const xa = stage('xa');
      const loaded = loadTexts('xa-yy');
      expect(hasTexts('xa')).to.equal(false);
      expect(findText(textSources('xa'), ['signIn'])).to.equal('Sign in');

      xa.arrive();
      await loaded;
      expect(hasTexts('xa')).to.equal(true);
      expect(findText(textSources('xa-zz'), ['signIn'])).to.equal('xa Sign in');
    });

    it('asks for each table once, however many ask', async () => {
      const xb = stage('xb');
      const loads = [loadTexts('xb'), loadTexts('xb-aa'), loadTexts('xb')];
      xb.arrive();
      await Promise.all(loads);
      await loadTexts('xb');
      expect(xb.fetches()).to.equal(1);
    });

    it('keeps to English when the table cannot be fetched, without rejecting', async () => {
      const xc = stage('xc');
      const loaded = loadTexts('xc');
      xc.fail();
      await loaded;
      expect(hasTexts('xc')).to.equal(true);
      expect(findText(textSources('xc'), ['signIn'])).to.equal('Sign in');
    });
  });

  describe('when looking a text up', () => {
    before(() => Promise.all(Object.keys(translations).map((language) => loadTexts(language))));

    it('prefers the page’s override, then the language, then English', async () => {
      await loadConfigurationTexts();
      const sources = textSources('de', { signOut: 'Tschüss' });
      expect(findText(sources, ['signOut'])).to.equal('Tschüss');
      expect(findText(sources, ['signIn'])).to.equal('Anmelden');
      expect(findText(sources, ['ConfigurationMissing'])).to.equal(configurationTexts.ConfigurationMissing);
    });

    it('picks the table by the primary language subtag, in any case', () => {
      for (const language of ['de', 'de-at', 'de-ch']) {
        expect(findText(textSources(language), ['signIn']), language).to.equal('Anmelden');
      }
      expect(findText(textSources('fr-ca'), ['signIn'])).to.equal('Se connecter');
      expect(findText(textSources('es-419'), ['signIn'])).to.equal('Iniciar sesión');
    });

    it('falls back to English for other, empty or odd languages', () => {
      for (const language of ['it', '', 'constructor', '__proto__', 'x-klingon']) {
        expect(findText(textSources(language), ['signIn']), language).to.equal('Sign in');
      }
    });

    it('tries the keys in order in each source before the next source', () => {
      const sources = textSources('en', { NotAuthorizedException: 'Nope.' });
      expect(findText(sources, ['IncorrectCredentials', 'NotAuthorizedException'])).to.equal('Nope.');
      expect(findText(sources, ['UserLambdaValidationException'])).to.equal(undefined);
      expect(findText(sources, ['toString', '__proto__'])).to.equal(undefined);
    });
  });

  describe('when filling placeholders', () => {
    it('fills them', () => {
      expect(format(en.prompt, { destination: 'a***@e***.com' })).to.equal('Enter the code we sent to a***@e***.com.');
    });

    it('leaves a placeholder without a value visible', () => {
      expect(format(en.prompt)).to.equal('Enter the code we sent to {destination}.');
      expect(format('{toString}', {})).to.equal('{toString}');
    });

    it('inserts values literally, even ones that look like replacement patterns', () => {
      expect(format(en.signedIn, { username: '$& {username} $1' })).to.equal('Signed in as $& {username} $1.');
    });
  });

  describe('when saying how long a code lasts', () => {
    it('uses whole minutes when it can, in the language', () => {
      expect(formatDuration(180, 'en')).to.equal('3 minutes');
      expect(formatDuration(60, 'en')).to.equal('1 minute');
      expect(formatDuration(180, 'de')).to.equal('3 Minuten');
      // French puts a no-break space between the number and the unit.
      expect(formatDuration(90, 'fr').replace(/\s/, ' ')).to.equal('90 secondes');
    });

    it('falls back to English for a tag that is not a language', () => {
      expect(formatDuration(120, '')).to.equal('2 minutes');
      expect(formatDuration(120, 'not a tag!')).to.equal('2 minutes');
    });
  });

  describe('when finding the language of an element', () => {
    it('reads its own lang, else the nearest ancestor’s', async () => {
      const outer = await fixture(
        html`<div lang="fr-CA">
          <p><span></span><span lang="de"></span></p>
        </div>`,
      );
      const [inherits, own] = [...outer.querySelectorAll('span')];
      expect(languageOf(inherits!)).to.equal('fr-ca');
      expect(languageOf(own!)).to.equal('de');
    });

    it('reads the document’s when nothing closer says', async () => {
      const host = await fixture(html`<div></div>`);
      const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
      const before = document.documentElement.lang;
      document.documentElement.lang = 'es';
      try {
        expect(languageOf(inner)).to.equal('es');
      } finally {
        document.documentElement.lang = before;
      }
    });
  });
});
