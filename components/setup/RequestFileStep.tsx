import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { enrollmentFilename, writeEnrollmentRequest } from '@/utils/direct/enrollment';
import { download } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';

/**
 * The enrollment request file the patient hands to the practice (docs/patient-enrollment.md): their name and
 * address, the details the practice may check them by, and the public half of their key. No secret.
 */
export function RequestFileStep(props: { identity: IdentitySummary | undefined; name: string | undefined; saved: boolean; onSaved: () => void }) {
  const { identity } = props;
  const [name, setName] = useState(props.name ?? '');
  const [phone, setPhone] = useState('');
  const [dob, setDob] = useState('');
  const { notice, setNotice } = useAction();
  if (!identity?.csrPem) return <p class="setup-done">{t('patient.request.sent')}</p>;
  const filename = enrollmentFilename(identity.address);

  function save(e: Event) {
    e.preventDefault();
    if (name.trim().length < 2) return setNotice({ error: t('patient.name.missing') });
    const text = writeEnrollmentRequest({ name, address: identity!.address, phone, dateOfBirth: dob }, identity!.csrPem!);
    download(text, filename, 'application/json');
    setNotice({ success: t('patient.request.saved', { file: filename }) });
    props.onSaved();
  }

  return (
    <form class="ds-form" onSubmit={save} aria-label={t('patient.request.form')} noValidate>
      <p>
        {rich('patient.request.intro', {
          request: <strong>{t('patient.request.word')}</strong>,
          address: identity.address,
          welcome: <strong>{t('patient.welcome.word')}</strong>,
        })}
      </p>
      <div class="ds-form__row">
        <TextField label={t('patient.name')} value={name} onValue={setName} autoComplete="name" />
        <TextField label={t('patient.phone')} hint={t('patient.phone.hint')} type="tel" autoComplete="tel" value={phone} onValue={setPhone} />
        <TextField label={t('patient.birth')} hint={t('patient.birth.hint')} type="date" value={dob} onValue={setDob} />
      </div>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button type="submit" variant={props.saved ? 'secondary' : 'primary'}>
          {props.saved ? t('patient.request.saveAgain') : t('patient.request.save')}
        </Button>
      </div>
    </form>
  );
}
