/** Display helpers shared by the settings and message views. Pure: no DOM. Dates and words in the view's language. */
import { currentLocale, dateLocale, t } from '../i18n/current';

/** The pseudo locale's dates are all digits (no month name), so its check sees no untranslated word. */
const dateStyle = () => (currentLocale() === 'pseudo' ? 'short' : 'medium');

const DAY = 86_400_000;

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString(dateLocale(), currentLocale() === 'pseudo' ? { dateStyle: 'short' } : { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(dateLocale(), { dateStyle: dateStyle(), timeStyle: 'short' });
}

/** "in 12 days", "3 days ago", "today": next to an expiry date so nobody has to count. */
export function relativeDays(ms: number, now = Date.now()): string {
  const days = Math.round((ms - now) / DAY);
  if (days === 0) return t('ui.days.today');
  if (days > 0) return days === 1 ? t('ui.days.tomorrow') : t('ui.days.in', { days });
  return days === -1 ? t('ui.days.yesterday') : t('ui.days.ago', { days: -days });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The common name of a distinguished name ("CN=Gregory House, O=..." -> "Gregory House"), else the whole DN. */
export function commonName(dn: string | undefined): string | undefined {
  if (!dn) return undefined;
  const m = /(?:^|[,/]\s*)CN=((?:\\.|[^,/])+)/i.exec(dn);
  return m?.[1]?.trim() ?? dn;
}

/** Splits addresses typed as "a@x, b@y; c@z" into a clean list. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim().replace(/^<|>$/g, ''))
    .filter((a) => a.length > 0);
}

export const looksLikeAddress = (a: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a);

/** A name safe for a download: letters, digits, dot, dash, underscore. */
export function safeFilename(base: string, fallback: string): string {
  const clean = base.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return clean || fallback;
}
