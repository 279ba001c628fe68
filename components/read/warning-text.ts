/**
 * A verdict warning in the view's language: by its code and parameters (utils/pki/warnings.ts), from the
 * catalog's "outgoing.warning.CODE". A code this page does not know (a newer background) keeps its English sentence.
 */
import { isWarningCode, type Warning } from '../../utils/pki/warnings';
import { t } from '../i18n/current';
import { formatDateTime } from '../ui/format';

export function warningText(w: Warning): string {
  if (!isWarningCode(w.code)) return w.sentence;
  const params: Record<string, string> = { ...w.params };
  // A time crosses as ISO 8601; the reader gets it as the view writes dates.
  const at = params.at === undefined ? NaN : Date.parse(params.at);
  if (!Number.isNaN(at)) params.at = formatDateTime(at);
  return t(`outgoing.warning.${w.code}`, params);
}
