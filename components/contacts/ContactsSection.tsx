import { useState } from 'preact/hooks';
import type { ContactSummary } from '@/utils/keyservice/api';
import { call, fileBytes, toBase64 } from '../client';
import { EmptyState, Section } from '../Section';
import { ContactsIcon } from '../icons';
import { Button, FileField, Notices } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { errorText, t } from '../i18n/current';
import { useAction } from '../ui/useAction';
import { AcceptCertificate, type Pending } from './AcceptCertificate';
import { MissingChain } from './MissingChain';
import { ContactCard } from './ContactCard';
import './contacts.css';

/** The people you write to, each with the certificates their messages are encrypted to. */
export function ContactsSection() {
  const { data } = useServiceList('contacts.list');
  const [file, setFile] = useState<File | undefined>();
  const [resetKey, setResetKey] = useState(0);
  const [pending, setPending] = useState<Pending | undefined>();
  const [missing, setMissing] = useState<(Pending & { issuer: string }) | undefined>();
  const { busy, notice, setNotice, run } = useAction();

  function cleared() {
    setFile(undefined);
    setResetKey((k) => k + 1);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return setNotice({ error: t('trust.contacts.noFile') });
    setPending(undefined);
    setMissing(undefined);
    const bytes = await fileBytes(file);
    const contacts = await run(t('trust.contacts.adding'), () => call('contacts.add', { certificate: toBase64(bytes) }));
    if (!contacts) return;
    const added = findAdded(contacts);
    if (added?.cert.status === 'untrusted') {
      // The service keeps nothing the user did not accept.
      const found = { bytes, fingerprint: added.cert.fingerprint, fileName: file.name, address: added.address };
      if (added.cert.problemCode === 'ISSUER_MISSING') {
        // First the full chain: the anchors may well vouch for it once the intermediate is there.
        setMissing({ ...found, issuer: added.cert.missingIssuer ?? added.cert.issuer });
        setNotice({});
        return;
      }
      if (added.cert.problem && added.cert.problemCode !== 'SIGNER_UNTRUSTED') {
        // Accepting would not help (wrong key usage, for instance): say why.
        setNotice({ error: added.cert.problemCode ? errorText(added.cert.problemCode, added.cert.problem) : added.cert.problem });
        return;
      }
      setPending(found);
      setNotice({});
      return;
    }
    dataChanged();
    setNotice({
      success: added
        ? t(added.cert.status === 'expired' ? 'trust.contacts.addedExpired' : 'trust.contacts.added', { address: added.address })
        : t('trust.contacts.addedNoAddress'),
    });
    cleared();
  }

  const contacts = data.state === 'ready' ? data.value : [];
  return (
    <Section
      id="contacts"
      title={t('trust.contacts.title')}
      icon={<ContactsIcon />}
      summary={t('trust.contacts.summary')}
    >
      {data.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{data.error}</span>
        </p>
      )}
      {data.state === 'ready' && contacts.length === 0 && (
        <EmptyState title={t('trust.contacts.empty')} note={t('trust.contacts.empty.note')} />
      )}
      {contacts.length > 0 && (
        <ul class="ds-list" aria-label={t('trust.contacts.title')}>
          {contacts.map((c) => (
            <li key={c.address}>
              <ContactCard contact={c} />
            </li>
          ))}
        </ul>
      )}
      <form class="ds-panel ds-form" onSubmit={submit} aria-labelledby="contacts-add" noValidate>
        <div>
          <h3 class="ds-panel__title" id="contacts-add">
            {t('trust.contacts.add')}
          </h3>
          <p class="ds-panel__note">{t('trust.contacts.add.note')}</p>
        </div>
        <FileField label={t('trust.contacts.file')} accept=".pem,.crt,.cer,.der,.p7b,.p7c" onFiles={(f) => setFile(f[0])} resetKey={resetKey} />
        {missing && !pending && (
          <MissingChain
            pending={missing}
            onCompareInstead={() => {
              setPending(missing);
              setMissing(undefined);
            }}
            onCancel={() => {
              setMissing(undefined);
              cleared();
              setNotice({ success: t('trust.contacts.chooseChain') });
            }}
          />
        )}
        {pending && (
          <AcceptCertificate
            pending={pending}
            onDone={(message) => {
              setPending(undefined);
              cleared();
              setNotice({ success: message });
              dataChanged();
            }}
            onCancel={() => {
              setPending(undefined);
              cleared();
              setNotice({ success: t('trust.contacts.notAdded') });
            }}
          />
        )}
        <Notices notice={notice} />
        {!pending && !missing && (
          <div class="ds-actions">
            <Button type="submit" busy={busy}>
              {t('trust.contacts.addButton')}
            </Button>
          </div>
        )}
      </form>
    </Section>
  );
}

/** The certificate just added: the newest in the reply (adding the same one again renews its date). */
function findAdded(contacts: ContactSummary[]) {
  let newest: { address: string; cert: ContactSummary['certificates'][number] } | undefined;
  for (const c of contacts) {
    for (const cert of c.certificates) {
      if (!newest || cert.addedAt > newest.cert.addedAt) newest = { address: c.address, cert };
    }
  }
  return newest;
}

