import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { locales } from '@/lib/i18n/routing';

// Every UI string lives in messages/*.json, in all 9 languages, really translated.

type TMessages = { [key: string]: string | TMessages };

function flatten(messages: TMessages, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

/** The argument names of a parsed ICU message, plural branches included. */
function argumentsOf(elements: MessageFormatElement[]): string[] {
  const names = new Set<string>();
  const visit = (list: MessageFormatElement[]) => {
    for (const element of list) {
      if (element.type !== TYPE.literal && 'value' in element && typeof element.value === 'string') names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) visit(option.value);
      if ('children' in element) visit(element.children);
    }
  };
  visit(elements);
  return [...names].sort();
}

const load = (locale: string) => flatten(JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as TMessages);

/** Keys whose value is the same in every language: names, codes and symbols. */
const sameInEveryLanguage = new Set<string>(
  JSON.parse(readFileSync('messages/untranslated-keys.json', 'utf8')) as string[],
);

describe('messages', () => {
  const english = load('en');

  it('has exactly one file per locale', () => {
    expect(readdirSync('messages').filter((file) => file.endsWith('.json') && file !== 'untranslated-keys.json').sort()).toEqual(
      locales.map((locale) => `${locale}.json`).sort(),
    );
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has the same keys as English', (locale) => {
    expect(Object.keys(load(locale)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s translates every string', (locale) => {
    const messages = load(locale);
    const untranslated = Object.keys(english).filter((key) => !sameInEveryLanguage.has(key) && messages[key] === english[key]);
    expect(untranslated).toEqual([]);
  });

  it('keeps ICU placeholders intact in every language', () => {
    for (const locale of locales) {
      const messages = load(locale);
      for (const [key, value] of Object.entries(english)) {
        expect(argumentsOf(parse(messages[key]!)), `${locale} ${key}`).toEqual(argumentsOf(parse(value)));
      }
    }
  });
});
