import { detectLanguage } from '../../lib/language.ts';

/** How one text is analysed: English rules (as ever) or Vietnamese ones. */
export type Profile = 'en' | 'vi';

/** Which analysis a query gets: one profile, or both merged when its language is unclear. */
export type QueryProfile = Profile | 'both';

/** Passages: Vietnamese rules only for text that is surely Vietnamese; else as ever. */
export function passageProfile(text: string): Profile {
  const guess = detectLanguage(text);
  return guess.language === 'vi' && guess.confident ? 'vi' : 'en';
}

/** Questions: as passages, but one that may be Vietnamese typed without diacritics gets both. */
export function queryProfile(text: string): QueryProfile {
  const guess = detectLanguage(text);
  if (guess.language !== 'vi') return 'en';
  return guess.confident ? 'vi' : 'both';
}
