import type { SecurityIndicator as Indicator } from '@/utils/keyservice/api';
import { useServiceList } from '../ui/data';
import './indicator.css';
import { t } from '../i18n/current';

/**
 * The user's security phrase in its colour, read from the key service: only DirectSeal's own pages can show
 * it, so its absence in a "DirectSeal" window on a web page means the window is a fake.
 */
export function SecurityIndicator({ settingsUrl }: { settingsUrl?: string }) {
  const { data } = useServiceList('indicator.get');
  if (data.state !== 'ready') return null;
  return <IndicatorBadge indicator={data.value} settingsUrl={settingsUrl} />;
}

export function IndicatorBadge({ indicator, settingsUrl }: { indicator: Indicator | null; settingsUrl?: string | undefined }) {
  if (!indicator) {
    return (
      <p class="ds-indicator ds-indicator--missing" data-testid="security-indicator">
        <span>
          {t('ui.indicator.missing.before')}
          {settingsUrl ? (
            <a href={`${settingsUrl}#indicator`} target="_blank" rel="noopener">
              {t('ui.indicator.missing.link')}
            </a>
          ) : (
            t('ui.indicator.missing.inSettings')
          )}
          {t('ui.indicator.missing.after')}
        </span>
      </p>
    );
  }
  return (
    <p class={`ds-indicator ds-indicator--${indicator.color}`} data-testid="security-indicator" title={t('ui.indicator.title')}>
      <span class="ds-indicator__label">{t('ui.indicator.label')}</span>
      <span class="ds-indicator__phrase">{indicator.phrase}</span>
    </p>
  );
}
