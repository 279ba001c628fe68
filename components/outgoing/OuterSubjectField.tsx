import { useState } from 'preact/hooks';
import { Button, TextField } from '../ui/controls';
import './outgoing.css';

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
          <span class="ds-outer-subject__label">Subject the webmail shows (not encrypted):</span> <strong>{props.practiceSubject}</strong>
        </p>
        {confirming ? (
          <div class="ds-notice ds-notice--warn" role="alert">
            <span class="ds-notice__icon" aria-hidden="true">!</span>
            <span>
              This subject is <strong>not encrypted</strong>: the webmail, every mail server on the way and anyone who
              sees the inbox can read it. Write nothing about the patient or their health in it.{' '}
              <span class="ds-actions">
                <Button variant="secondary" onClick={() => props.onValue(props.practiceSubject)}>
                  I understand, change it
                </Button>
                <Button variant="quiet" onClick={() => setConfirming(false)}>
                  Keep the practice's subject
                </Button>
              </span>
            </span>
          </div>
        ) : (
          <Button variant="quiet" onClick={() => setConfirming(true)}>
            Change for this message
          </Button>
        )}
      </div>
    );
  }
  return (
    <div class="ds-outer-subject ds-outer-subject--custom">
      <TextField
        label="Subject the webmail shows (not encrypted)"
        hint="Seen by the webmail, mail servers and anyone who sees the inbox. No health information."
        value={props.value}
        onValue={props.onValue}
        maxLength={160}
      />
      <Button variant="quiet" onClick={() => props.onValue(undefined)}>
        Use the practice's subject
      </Button>
    </div>
  );
}
