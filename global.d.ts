import type en from './messages/en.json';
import type { locales } from './lib/i18n/routing';

// Message keys are typed: a missing or misspelt key fails the typecheck.
declare module 'next-intl' {
  interface AppConfig {
    Messages: typeof en;
    Locale: (typeof locales)[number];
  }
}
