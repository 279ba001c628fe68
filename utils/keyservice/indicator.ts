/**
 * The personal security indicator (as Mailvelope has): a phrase and a colour the user chose, shown in every
 * DirectSeal frame and unlock prompt. Only extension pages can read it, so a web page that draws a look-alike
 * frame to harvest a passphrase cannot show it, and the user sees the fake for what it is.
 */
import { DirectSealError } from '../errors';
import { getSetting, putSetting } from '../store/settings';
import type { SecurityIndicator } from '../store/schema';
import type { KeyServiceApi } from './api';
import type { ServiceContext } from './context';

/** A few colours that read well behind white text (contrast >= 4.5:1) and are easy to tell apart. */
export const INDICATOR_COLORS = ['teal', 'indigo', 'crimson', 'amber', 'forest', 'plum'] as const;
export type IndicatorColor = (typeof INDICATOR_COLORS)[number];

const MAX_PHRASE = 40;

export async function getIndicator(ctx: ServiceContext): Promise<SecurityIndicator | null> {
  return getSetting(ctx.store, 'securityIndicator');
}

export async function setIndicator(ctx: ServiceContext, req: KeyServiceApi['indicator.set']['request']): Promise<SecurityIndicator> {
  const phrase = req.phrase.trim().replace(/\s+/g, ' ');
  if (phrase.length < 3 || phrase.length > MAX_PHRASE) {
    throw new DirectSealError('USAGE', `the security phrase needs 3 to ${MAX_PHRASE} characters`);
  }
  if (!(INDICATOR_COLORS as readonly string[]).includes(req.color)) throw new DirectSealError('USAGE', `unknown colour ${req.color}`);
  const indicator: SecurityIndicator = { phrase, color: req.color };
  await putSetting(ctx.store, 'securityIndicator', indicator);
  return indicator;
}
