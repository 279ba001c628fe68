import { useState } from 'preact/hooks';
import { Button, TextField } from '../ui/controls';
import './outgoing.css';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';

/**
 * In the frame, under the (encrypted) Subject: the subject the webmail will show outside the encryption,
 * the practice's by default. Changing it for one message is possible, after a plain warning that it is not
 * encrypted.
 */
export function OuterSubjectField(props: { practiceSubject: string; value: string | undefined; onValue: (value: string | undefined) => void }) {
  const [confirming, setConfirming] = useState(false);
  if (props.value === undefined) {
    return (
      <div class="ds-outer-subject" data-testid="outer-subject">
        <p>
          <span class="ds-outer-subject__label">{t('outer.label')}</span> <strong>{props.practiceSubject}</strong>
        </p>
        {confirming ? (
          <div class="ds-notice ds-notice--warn" role="alert">
            <span class="ds-notice__icon" aria-hidden="true">!</span>
            <span>
              {rich('outer.warning', { notEncrypted: <strong>{t('outer.notEncrypted')}</strong> })}
              <span class="ds-actions">
                <Button variant="secondary" onClick={() => props.onValue(props.practiceSubject)}>
                  {t('outer.understood')}
                </Button>
                <Button variant="quiet" onClick={() => setConfirming(false)}>
                  {t('outer.keep')}
                </Button>
              </span>
            </span>
          </div>
        ) : (
          <Button variant="quiet" onClick={() => setConfirming(true)}>
            {t('outer.change')}
          </Button>
        )}
      </div>
    );
  }
  return (
    <div class="ds-outer-subject ds-outer-subject--custom">
      <TextField
        label={t('outer.field')}
        hint={t('outer.field.hint')}
        value={props.value}
        onValue={props.onValue}
        maxLength={160}
      />
      <Button variant="quiet" onClick={() => props.onValue(undefined)}>
        {t('outer.usePractice')}
      </Button>
    </div>
  );
}
