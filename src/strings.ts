/**
 * Which text the element shows: the page's `strings` overrides first, then the table of the element's
 * language, then English. The tables themselves live in `./strings/<language>.ts`; English is built in, the
 * others are fetched the first time an element needs them, so a page pays only for the language it speaks.
 */
import { en, type StringKey, type Translation } from './strings/en.js';

export type { StringKey } from './strings/en.js';

/**
 * Texts a page puts in place of the built-in ones, by the keys of the English table (`username`,
 * `CodeExpired`, …) or by any error name the element reports (`NotAuthorizedException`, …).
 */
export type StringOverrides = Readonly<Partial<Record<StringKey, string>> & Record<string, string>>;

/** One place texts are looked up in. */
export type TextSource = Readonly<Record<string, string>>;

/** Values for the `{name}` placeholders of one text. */
export type TextParams = Readonly<Record<string, string | number>>;

/**
 * How each other language's table is fetched, by primary subtag. Each `import()` becomes a chunk of its own
 * next to the self-contained bundle, resolved relative to the bundle's URL. Tests may add entries.
 */
export const translationLoaders: Record<string, () => Promise<Translation>> = {
  de: async () => (await import('./strings/de.js')).de,
  fr: async () => (await import('./strings/fr.js')).fr,
  es: async () => (await import('./strings/es.js')).es,
};

/** The tables at hand by primary subtag: English from the start, others once fetched. */
const tables = new Map<string, TextSource>([['en', en]]);

/** Fetches under way or done, so each table is asked for once. */
const fetches = new Map<string, Promise<void>>();

const primaryOf = (language: string): string => language.split('-')[0]!;

/**
 * The language that applies to `host`: its own `lang`, else the nearest ancestor's, else the document's
 * (an element inside another shadow root cannot see past it). Lower-cased; '' when none is set.
 */
export function languageOf(host: Element): string {
  return ((host.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang).toLowerCase();
}

/**
 * Whether the texts of `language` are at hand: its table has arrived, or it has none of its own and speaks
 * English.
 */
export function hasTexts(language: string): boolean {
  const primary = primaryOf(language);
  return tables.has(primary) || !Object.hasOwn(translationLoaders, primary);
}

/**
 * Fetches the table of `language` unless it is at hand, and resolves once it is. Never rejects: when the
 * table cannot be fetched (offline, a chunk missing on the server) the language is spoken in English.
 */
export function loadTexts(language: string): Promise<void> {
  const primary = primaryOf(language);
  if (hasTexts(primary)) return Promise.resolve();
  let fetching = fetches.get(primary);
  if (!fetching) {
    fetching = translationLoaders[primary]!().then(
      (table) => void tables.set(primary, table),
      () => void tables.set(primary, en),
    );
    fetches.set(primary, fetching);
  }
  return fetching;
}

/**
 * Fetches the texts of configuration problems into the English table, where every language finds them: a chunk of
 * its own, since a page that is set up never shows one. Resolves either way; without the chunk a problem is told
 * by the generic text.
 */
export const loadConfigurationTexts = (): Promise<void> =>
  import('./configuration-texts.js').then(
    ({ configurationTexts }) => void Object.assign(en, configurationTexts),
    () => undefined,
  );

/**
 * Texts a capability chunk brings for its own keys, by primary subtag; the chunk fills it when it loads (sign-up
 * and user-auth do, each beside the other's). They come after the language's own table and before English.
 */
export const chunkTexts: Record<string, TextSource> = {};

/**
 * Where to look texts up for `language`: the overrides, its table by primary subtag (`de-AT` → German) once
 * it has arrived ({@link loadTexts}), the chunks' texts in it, English, and the chunks' English.
 */
export function textSources(language: string, overrides: StringOverrides = {}): TextSource[] {
  const primary = primaryOf(language);
  return [overrides, tables.get(primary) ?? en, chunkTexts[primary] ?? en, en, chunkTexts.en ?? en];
}

/**
 * Whether English stands in for `language`: no table of it is at hand (English has one) and the page supplies no
 * texts of its own (`overrides`, as for a language the element does not ship).
 */
export const englishInstead = (language: string, overrides: StringOverrides = {}): boolean =>
  !tables.has(primaryOf(language)) && !Object.keys(overrides).length;

/** Whether `language` is spoken from a built-in table (English, or one fetched): all are written left to right. */
export const speaksBuiltIn = (language: string): boolean => tables.has(primaryOf(language));

/** The first text any source has for any of `keys`, sources in order; undefined when none has one. */
export function findText(sources: readonly TextSource[], keys: readonly string[]): string | undefined {
  for (const source of sources) {
    for (const key of keys) if (Object.hasOwn(source, key)) return source[key];
  }
  return undefined;
}

/**
 * `template` with its placeholders filled in, each value inserted literally. A placeholder without a value is
 * left as written, so a missing parameter shows up in review instead of silently vanishing.
 */
export function format(template: string, params: TextParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/** "3 minutes", "90 seconds": a whole number of minutes when it is one, in `language` (English if unknown). */
export function formatDuration(seconds: number, language: string): string {
  const [value, unit] = seconds % 60 ? [seconds, 'second'] : [seconds / 60, 'minute'];
  const options = { style: 'unit', unit, unitDisplay: 'long' } as const;
  try {
    return new Intl.NumberFormat(language, options).format(value);
  } catch {
    // Not a valid language tag (or none at all).
    return new Intl.NumberFormat('en', options).format(value);
  }
}
