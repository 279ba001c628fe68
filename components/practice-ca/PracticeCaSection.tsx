import { useState } from 'preact/hooks';
import type { PracticeCaSummary } from '@/utils/keyservice/api';
import { call, download, fileBytes, fromBase64, toBase64 } from '../client';
import { Section } from '../Section';
import { AnchorIcon } from '../icons';
import { Badge, Button, Facts, FileField, Fingerprint, Notices, TextField } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { formatDate, looksLikeAddress } from '../ui/format';
import { sentenceOf, useAction } from '../ui/useAction';
import { MIN_PASSPHRASE, PassphraseField } from '../identity/PassphraseField';
import { isEnrollmentFile, readEnrollmentRequest, type EnrollmentRequest } from '@/utils/direct/enrollment';
import { t } from '../i18n/current';
import './practice-ca.css';


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
      title={t('trust.ca.title')}
      icon={<AnchorIcon />}
      summary={t('trust.ca.summary')}
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
    if (name.trim().length < 2) return setNotice({ error: t('trust.ca.nameMissing') });
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: t('trust.ca.passTooShort', { min: MIN_PASSPHRASE }) });
    if (pass !== again) return setNotice({ error: t('lock.differ') });
    const reply = await run(
      t('trust.ca.creating'),
      () => call('ca.create', { practiceName: name.trim(), backupPassphrase: pass }),
      (r) => t('trust.ca.created', { file: r.backupFilename }),
    );
    if (!reply) return;
    download(fromBase64(reply.backupP12), reply.backupFilename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
    dataChanged();
  }

  return (
    <form class="ds-form" onSubmit={submit} aria-label={t('trust.ca.createForm')} noValidate>
      <TextField label={t('trust.ca.name')} hint={t('trust.ca.name.hint')} value={name} onValue={setName} />
      <div class="ds-form__row">
        <PassphraseField label={t('trust.ca.pass')} hint={t('trust.ca.pass.hint', { min: MIN_PASSPHRASE })} value={pass} onValue={setPass} />
        <PassphraseField label={t('trust.ca.passAgain')} value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t('trust.ca.create')}
        </Button>
      </div>
    </form>
  );
}

function CaCard({ ca }: { ca: PracticeCaSummary }) {
  const { busy, notice, run } = useAction();
  return (
    <article class="ds-item ds-practice-ca" aria-label={t('trust.ca.card', { practice: ca.practiceName })}>
      <div class="ds-item__head">
        <h3 class="ds-item__title">{ca.subject.replace(/^CN=/, '').split(',')[0]}</h3>
        {ca.backupConfirmed ? <Badge tone="ok">{t('trust.ca.ready')}</Badge> : <Badge tone="warn">{t('trust.ca.backupUnconfirmed')}</Badge>}
      </div>
      <Facts
        items={[
          [t('trust.ca.validUntil'), formatDate(ca.notAfter)],
          [t('trust.fingerprint'), <Fingerprint value={ca.fingerprint} />],
        ]}
      />
      <div class="ds-actions">
        <Button variant="secondary" onClick={() => download(ca.certificatePem, 'practice-ca.pem', 'application/x-pem-file')}>
          {t('trust.ca.download')}
        </Button>
        {!ca.backupConfirmed && (
          <Button busy={busy} onClick={() => void run(t('ui.saving'), () => call('ca.confirmBackup', {}), t('trust.ca.thanks')).then((r) => r && dataChanged())}>
            {t('trust.ca.keptBackup')}
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
      setNotice({ error: sentenceOf(e) });
    }
  }

  async function issueWelcome() {
    if (!enrollment) return;
    const issued = await run(
      t('trust.issue.issuing'),
      () => call('ca.issueWelcome', { enrollment: toBase64(enrollment.bytes) }),
      (r) => t('trust.issue.welcomeIssued', { file: r.filename }),
    );
    if (!issued) return;
    download(issued.welcome, issued.filename, 'application/json');
    reset();
  }

  async function submit(e?: Event) {
    e?.preventDefault();
    if (enrollment) return issueWelcome();
    if (!file) return setNotice({ error: t('trust.issue.noRequest') });
    if (!looksLikeAddress(address.trim())) return setNotice({ error: t('trust.issue.noAddress') });
    const bytes = await fileBytes(file);
    const issued = await run(
      t('trust.issue.issuing'),
      () => call('ca.issue', { request: toBase64(bytes), address: address.trim(), ...(patientName.trim() ? { patientName: patientName.trim() } : {}) }),
      (r) => t('trust.issue.issued', { file: r.filename }),
    );
    if (!issued) return;
    download(issued.pem, issued.filename, 'application/x-pem-file');
    reset();
  }

  const r = enrollment?.request;
  return (
    <form class="ds-form ds-panel" onSubmit={submit} aria-label={t('trust.issue.form')} noValidate>
      <h4 class="ds-panel__title">{t('trust.issue.form')}</h4>
      <p class="ds-panel__note">{t('trust.issue.note')}</p>
      <FileField label={t('trust.issue.request')} hint={t('trust.issue.request.hint')} accept=".directseal-request,.json,.csr,.pem,.req,.der" onFiles={(f) => void pick(f[0])} resetKey={resetKey} />
      {r && (
        <div class="ds-panel ds-form" role="group" aria-label={t('trust.issue.who')}>
          <p class="ds-panel__note">{t('trust.issue.check')}</p>
          <Facts
            items={[
              [t('trust.issue.name'), r.name],
              [t('trust.issue.address'), r.address],
              ...(r.dateOfBirth ? ([[t('trust.issue.birth'), r.dateOfBirth]] as [string, string][]) : []),
              ...(r.phone ? ([[t('trust.issue.phone'), r.phone]] as [string, string][]) : []),
            ]}
          />
          <p class="ds-panel__note">{t('trust.issue.welcomeNote')}</p>
          <Fingerprint value={fingerprint} />
        </div>
      )}
      {!r && (
        <div class="ds-form__row">
          <TextField label={t('trust.issue.patientAddress')} type="email" autoComplete="off" spellcheck={false} value={address} onValue={setAddress} />
          <TextField label={t('trust.issue.patientName')} hint={t('trust.issue.patientName.hint')} value={patientName} onValue={setPatientName} />
        </div>
      )}
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {r ? t('trust.issue.welcome') : t('trust.issue.button')}
        </Button>
      </div>
    </form>
  );
}
