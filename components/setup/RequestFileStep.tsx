import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { enrollmentFilename, writeEnrollmentRequest } from '@/utils/direct/enrollment';
import { download } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { useAction } from '../ui/useAction';

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
  if (!identity?.csrPem) return <p class="setup-done">✓ Your practice already sent your welcome file.</p>;
  const filename = enrollmentFilename(identity.address);

  function save(e: Event) {
    e.preventDefault();
    if (name.trim().length < 2) return setNotice({ error: 'Type your name as your practice knows it.' });
    const text = writeEnrollmentRequest({ name, address: identity!.address, phone, dateOfBirth: dob }, identity!.csrPem!);
    download(text, filename, 'application/json');
    setNotice({ success: `Your browser saved ${filename}.` });
    props.onSaved();
  }

  return (
    <form class="ds-form" onSubmit={save} aria-label="Save your request file" noValidate>
      <p>
        Your practice makes your certificate from a <strong>request file</strong>. It holds your name, your e-mail
        address {identity.address}, the details below, and the public half of your key: nothing secret. Give it to
        the practice the way they told you: in person on a USB stick, through their patient portal, or by e-mail.
        They check that it is really you, their usual way, and give you a <strong>welcome file</strong> back.
      </p>
      <div class="ds-form__row">
        <TextField label="Your name" value={name} onValue={setName} autoComplete="name" />
        <TextField label="Phone number" hint="Optional; helps the practice check it is you" type="tel" autoComplete="tel" value={phone} onValue={setPhone} />
        <TextField label="Date of birth" hint="Optional; the same" type="date" value={dob} onValue={setDob} />
      </div>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button type="submit" variant={props.saved ? 'secondary' : 'primary'}>
          {props.saved ? 'Save the request file again' : 'Save my request file'}
        </Button>
      </div>
    </form>
  );
}
