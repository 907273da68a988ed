/**
 * Which text the element shows: the page's `strings` overrides first, then the table of the element's
 * language, then English. The tables themselves live in `./strings/<language>.ts`.
 */
import { de } from './strings/de.js';
import { en, type StringKey } from './strings/en.js';
import { es } from './strings/es.js';
import { fr } from './strings/fr.js';

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

const tables: Readonly<Record<string, TextSource>> = { en, de, fr, es };

/**
 * The language that applies to `host`: its own `lang`, else the nearest ancestor's, else the document's
 * (an element inside another shadow root cannot see past it). Lower-cased; '' when none is set.
 */
export function languageOf(host: Element): string {
  return ((host.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang).toLowerCase();
}

/** Where to look texts up for `language`: the overrides, its table by primary subtag (`de-AT` → German), English. */
export function textSources(language: string, overrides: StringOverrides = {}): TextSource[] {
  const primary = language.split('-')[0]!;
  return [overrides, Object.hasOwn(tables, primary) ? tables[primary]! : en, en];
}

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
