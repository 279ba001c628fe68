import { useState } from 'preact/hooks';
import type { PracticeCaSummary } from '@/utils/keyservice/api';
import { call, download, fileBytes, fromBase64, toBase64 } from '../client';
import { Section } from '../Section';
import { AnchorIcon } from '../icons';
import { Badge, Button, Facts, FileField, Fingerprint, Notices, TextField } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { formatDate, looksLikeAddress } from '../ui/format';
import { useAction } from '../ui/useAction';
import { PassphraseField } from '../identity/PassphraseField';
import { isEnrollmentFile, readEnrollmentRequest, type EnrollmentRequest } from '@/utils/direct/enrollment';
import { isDirectSealError } from '@/utils/errors';
import './practice-ca.css';

const MIN_PASSPHRASE = 10;

/**
 * Patients without a HISP: the practice makes its own small CA once (backup first), and issues each patient a
 * certificate for their own e-mail address from the request their DirectSeal made, after checking who they are
 * the practice's usual way. The patient imports the certificate and the CA as their trust anchor.
 */
export function PracticeCaSection() {
  const { data } = useServiceList('ca.status');
  return (
    <Section
      id="practice-ca"
      title="Patients without a HISP"
      icon={<AnchorIcon />}
      summary="Give patients a Direct certificate for their own e-mail address: your practice makes its own small certificate authority (CA) once, then issues a certificate from the request a patient's DirectSeal made, after you checked who they are as you usually do."
    >
      {data.state === 'ready' && !data.value && <CreateCa />}
      {data.state === 'ready' && data.value && <CaCard ca={data.value} />}
    </Section>
  );
}

function CreateCa() {
  const [name, setName] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e?: Event) {
    e?.preventDefault();
    if (name.trim().length < 2) return setNotice({ error: 'Type your practice’s name as patients know it.' });
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: `Choose a backup passphrase of at least ${MIN_PASSPHRASE} characters.` });
    if (pass !== again) return setNotice({ error: 'The two passphrases differ; type the same passphrase twice.' });
    const reply = await run('Creating the practice CA…', () => call('ca.create', { practiceName: name.trim(), backupPassphrase: pass }), (r) => `Created. Your browser saved the CA's backup as ${r.backupFilename}: keep it somewhere safe, then confirm below.`);
    if (!reply) return;
    download(fromBase64(reply.backupP12), reply.backupFilename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
    dataChanged();
  }

  return (
    <form class="ds-form" onSubmit={submit} aria-label="Create a practice CA" noValidate>
      <TextField label="Practice name" hint="As patients know it, e.g. Lakeside Family Practice" value={name} onValue={setName} />
      <div class="ds-form__row">
        <PassphraseField label="Backup passphrase" hint={`At least ${MIN_PASSPHRASE} characters; it protects the CA's backup file.`} value={pass} onValue={setPass} />
        <PassphraseField label="Backup passphrase again" value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          Create CA and backup
        </Button>
      </div>
    </form>
  );
}

function CaCard({ ca }: { ca: PracticeCaSummary }) {
  const { busy, notice, run } = useAction();
  return (
    <article class="ds-item ds-practice-ca" aria-label={`Practice CA of ${ca.practiceName}`}>
      <div class="ds-item__head">
        <h3 class="ds-item__title">{ca.subject.replace(/^CN=/, '').split(',')[0]}</h3>
        {ca.backupConfirmed ? <Badge tone="ok">Ready to issue</Badge> : <Badge tone="warn">Backup not confirmed</Badge>}
      </div>
      <Facts
        items={[
          ['Valid until', formatDate(ca.notAfter)],
          ['Fingerprint (SHA-256)', <Fingerprint value={ca.fingerprint} />],
        ]}
      />
      <div class="ds-actions">
        <Button variant="secondary" onClick={() => download(ca.certificatePem, 'practice-ca.pem', 'application/x-pem-file')}>
          Download the CA certificate (for patients)
        </Button>
        {!ca.backupConfirmed && (
          <Button busy={busy} onClick={() => void run('Saving…', () => call('ca.confirmBackup', {}), 'Thank you. You can now issue patient certificates.').then((r) => r && dataChanged())}>
            I kept the backup file safe
          </Button>
        )}
      </div>
      <Notices notice={notice} />
      {ca.backupConfirmed && <IssueForm fingerprint={ca.fingerprint} />}
    </article>
  );
}

function IssueForm({ fingerprint }: { fingerprint: string }) {
  const [file, setFile] = useState<File>();
  const [enrollment, setEnrollment] = useState<{ bytes: Uint8Array; request: EnrollmentRequest }>();
  const [address, setAddress] = useState('');
  const [patientName, setPatientName] = useState('');
  const [resetKey, setResetKey] = useState(0);
  const { busy, notice, setNotice, run } = useAction();

  function reset() {
    setFile(undefined);
    setEnrollment(undefined);
    setAddress('');
    setPatientName('');
    setResetKey((k) => k + 1);
  }

  // A patient's enrollment request file is read at once, so the practice sees who to check before issuing.
  async function pick(f: File | undefined) {
    setFile(f);
    setEnrollment(undefined);
    setNotice({});
    if (!f) return;
    const bytes = await fileBytes(f);
    if (!isEnrollmentFile(bytes)) return;
    try {
      setEnrollment({ bytes, request: await readEnrollmentRequest(bytes) });
    } catch (e) {
      setNotice({ error: isDirectSealError(e) ? e.sentence : String(e) });
    }
  }

  async function issueWelcome() {
    if (!enrollment) return;
    const issued = await run(
      'Issuing…',
      () => call('ca.issueWelcome', { enrollment: toBase64(enrollment.bytes) }),
      (r) => `Issued. Your browser saved ${r.filename}: give it to the patient, and read them the fingerprint above (or print it) to compare.`,
    );
    if (!issued) return;
    download(issued.welcome, issued.filename, 'application/json');
    reset();
  }

  async function submit(e?: Event) {
    e?.preventDefault();
    if (enrollment) return issueWelcome();
    if (!file) return setNotice({ error: "Choose the patient's request file their DirectSeal made (.directseal-request, or a .csr or .pem)." });
    if (!looksLikeAddress(address.trim())) return setNotice({ error: "Type the patient's own e-mail address, exactly as in their request." });
    const bytes = await fileBytes(file);
    const issued = await run(
      'Issuing…',
      () => call('ca.issue', { request: toBase64(bytes), address: address.trim(), ...(patientName.trim() ? { patientName: patientName.trim() } : {}) }),
      (r) => `Issued. Your browser saved ${r.filename}: give it to the patient, with the CA certificate as their trust anchor.`,
    );
    if (!issued) return;
    download(issued.pem, issued.filename, 'application/x-pem-file');
    reset();
  }

  const r = enrollment?.request;
  return (
    <form class="ds-form ds-panel" onSubmit={submit} aria-label="Issue a patient certificate" noValidate>
      <h4 class="ds-panel__title">Issue a patient certificate</h4>
      <p class="ds-panel__note">Check the patient's identity first, your usual way (in person, or through your patient portal).</p>
      <FileField label="Patient's request file" hint="The .directseal-request file their DirectSeal saved (or a bare .csr / .pem request)" accept=".directseal-request,.json,.csr,.pem,.req,.der" onFiles={(f) => void pick(f[0])} resetKey={resetKey} />
      {r && (
        <div class="ds-panel ds-form" role="group" aria-label="Who the request is from">
          <p class="ds-panel__note">Check that this is the person in front of you, or the one your portal knows:</p>
          <Facts
            items={[
              ['Name', r.name],
              ['E-mail address', r.address],
              ...(r.dateOfBirth ? ([['Date of birth', r.dateOfBirth]] as [string, string][]) : []),
              ...(r.phone ? ([['Phone', r.phone]] as [string, string][]) : []),
            ]}
          />
          <p class="ds-panel__note">
            DirectSeal issues their certificate and saves a welcome file for them: it also names your practice as their
            contact. Then read them your CA's fingerprint, or print it for them:
          </p>
          <Fingerprint value={fingerprint} />
        </div>
      )}
      {!r && (
        <div class="ds-form__row">
          <TextField label="Patient's e-mail address" type="email" autoComplete="off" spellcheck={false} value={address} onValue={setAddress} />
          <TextField label="Patient's name" hint="Optional; the request's name otherwise" value={patientName} onValue={setPatientName} />
        </div>
      )}
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {r ? 'It is them: issue the welcome file' : 'Issue certificate'}
        </Button>
      </div>
    </form>
  );
}
