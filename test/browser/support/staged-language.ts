/**
 * A made-up language whose table the test hands over (or fails to fetch) when it chooses, registered with the
 * element's table loaders. Tables stay cached once they arrive, so each test takes a name of its own.
 */
import { translationLoaders } from '../../../src/strings.js';
import { en, type Translation } from '../../../src/strings/en.js';

export interface StagedLanguage {
  /** The table: English with `<name> ` before every text. */
  readonly table: Translation;
  /** Hands the table over to whoever asked for it. */
  arrive(): void;
  /** Fails the fetch, as a missing chunk or a network error would. */
  fail(): void;
  /** How many times the table was asked for. */
  fetches(): number;
  /** Takes the language out of the loaders again. */
  remove(): void;
}

export function stageLanguage(name: string): StagedLanguage {
  const table = Object.fromEntries(
    Object.entries(en).map(([key, text]) => [key, `${name} ${text}`]),
  ) as unknown as Translation;
  let settle: { arrive(): void; fail(): void } | undefined;
  let fetches = 0;
  translationLoaders[name] = () =>
    new Promise<Translation>((resolve, reject) => {
      fetches++;
      settle = {
        arrive: () => resolve(table),
        fail: () => reject(new TypeError('Failed to fetch dynamically imported module')),
      };
    });
  const asked = () => {
    if (!settle) throw new Error(`nobody asked for the ${name} table yet`);
    return settle;
  };
  return {
    table,
    arrive: () => asked().arrive(),
    fail: () => asked().fail(),
    fetches: () => fetches,
    remove: () => void delete translationLoaders[name],
  };
}

/**
 * For a `describe` body: a function that stages a language (see {@link stageLanguage}); every language staged
 * through it is removed again after each test.
 */
export function stagingLanguages(): (name: string) => StagedLanguage {
  const staged: StagedLanguage[] = [];
  afterEach(() => {
    for (const language of staged.splice(0)) language.remove();
  });
  return (name) => {
    const language = stageLanguage(name);
    staged.push(language);
    return language;
  };
}
