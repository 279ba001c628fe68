import type { SecurityIndicator as Indicator } from '@/utils/keyservice/api';
import { useServiceList } from '../ui/data';
import './indicator.css';

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
          No security phrase yet:{' '}
          {settingsUrl ? (
            <a href={`${settingsUrl}#indicator`} target="_blank" rel="noopener">
              choose one
            </a>
          ) : (
            'choose one in Settings'
          )}
          , to tell DirectSeal from a look-alike.
        </span>
      </p>
    );
  }
  return (
    <p class={`ds-indicator ds-indicator--${indicator.color}`} data-testid="security-indicator" title="Your security phrase: only the real DirectSeal knows it">
      <span class="ds-indicator__label">Your phrase:</span>
      <span class="ds-indicator__phrase">{indicator.phrase}</span>
    </p>
  );
}
