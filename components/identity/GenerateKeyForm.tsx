import { useState } from 'preact/hooks';
import type { MessageId } from '@/utils/i18n';
import { call, download, fromBase64 } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { looksLikeAddress } from '../ui/format';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { MIN_PASSPHRASE, PassphraseField } from './PassphraseField';

/** Who makes the key: a practice in Options (or setup's practice path), or a patient in setup's patient path. */
type KeyMaker = 'practice' | 'patient';

/**
 * The words each one reads. What else differs follows from who it is: a practice reads the note first, may name an
 * organization, choose a key size and make another; a patient's name comes first and is required (their practice
 * knows them by it) and their key is RSA 2048, the size every HISP takes.
 */
interface KeyFormWords {
  form: MessageId;
  note: MessageId;
  name: { label: MessageId; hint: MessageId; missing?: MessageId };
  address: { label: MessageId; hint?: MessageId; placeholder?: MessageId; missing: MessageId };
  passphrase: { label: MessageId; hint: MessageId; again: MessageId; tooShort: MessageId };
  busy: MessageId;
  /** Said when the key is made; the patient's step moves on to the spare copy instead. */
  done?: MessageId;
  submit: MessageId;
}

const WORDS: Record<KeyMaker, KeyFormWords> = {
  practice: {
    form: 'identity.generate.form',
    note: 'identity.generate.note',
    name: { label: 'identity.generate.name', hint: 'identity.generate.name.hint' },
    address: { label: 'identity.generate.address', placeholder: 'identity.generate.address.placeholder', missing: 'identity.generate.address.missing' },
    passphrase: { label: 'identity.generate.passphrase', hint: 'identity.generate.passphrase.hint', again: 'identity.generate.passphraseAgain', tooShort: 'identity.generate.tooShort' },
    busy: 'identity.generate.busy',
    done: 'identity.generate.done',
    submit: 'identity.generate.submit',
  },
  patient: {
    form: 'patient.key.form',
    note: 'patient.spare.note',
    name: { label: 'patient.name', hint: 'patient.name.hint', missing: 'patient.name.missing' },
    address: { label: 'patient.address', hint: 'patient.address.hint', missing: 'patient.address.missing' },
    passphrase: { label: 'patient.spare.passphrase', hint: 'patient.spare.hint', again: 'patient.spare.again', tooShort: 'patient.spare.tooShort' },
    busy: 'patient.key.making',
    submit: 'patient.key.make',
  },
};

/**
 * A new RSA key and a certificate request for the HISP/CA. The key is written first into a backup .p12 under the
 * passphrase typed here, which the browser downloads; the identity card (or the patient's setup step) then walks
 * through the remaining steps. `onMade` hears the name the key was made for.
 */
export function GenerateKeyForm({ who = 'practice', onMade }: { who?: KeyMaker; onMade?: (name: string) => void }) {
  const practice = who === 'practice';
  const p = WORDS[who];
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [bits, setBits] = useState<2048 | 3072>(2048);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const { busy, notice, setNotice, run } = useAction();

  /** The first thing wrong with what was typed, in the order the fields are read. */
  function problem(addr: string): string | undefined {
    if (p.name.missing && name.trim().length < 2) return t(p.name.missing);
    if (!looksLikeAddress(addr)) return t(p.address.missing);
    if (pass.length < MIN_PASSPHRASE) return t(p.passphrase.tooShort, { min: MIN_PASSPHRASE });
    if (pass !== again) return t('lock.differ');
    return undefined;
  }

  async function submit(e?: Event) {
    e?.preventDefault();
    const addr = address.trim();
    const wrong = problem(addr);
    if (wrong) return setNotice({ error: wrong });

    const commonName = name.trim();
    const reply = await run(
      t(bits === 3072 ? 'identity.generate.busySlow' : p.busy),
      () =>
        call('identities.generate', {
          address: addr,
          modulusLength: bits,
          backupPassphrase: pass,
          ...(commonName ? { commonName } : {}),
          ...(practice && org.trim() ? { organization: org.trim() } : {}),
        }),
      p.done && ((r) => t(p.done!, { address: r.identity.address, file: r.backupFilename })),
    );
    if (!reply) return;
    onMade?.(commonName);
    download(fromBase64(reply.backupP12), reply.backupFilename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
    dataChanged();
    // The practice may make another (all fields cleared) and is taken to the new card's next step.
    if (practice) {
      setAddress('');
      setName('');
      setOrg('');
      focusNextStep(reply.identity.id);
    }
  }

  const nameField = (
    <TextField label={t(p.name.label)} hint={t(p.name.hint)} autoComplete={practice ? undefined : 'name'} value={name} onValue={setName} />
  );
  const addressField = (
    <TextField
      label={t(p.address.label)}
      hint={p.address.hint && t(p.address.hint)}
      type="email"
      autoComplete={practice ? 'off' : 'email'}
      spellcheck={false}
      value={address}
      onValue={setAddress}
      placeholder={p.address.placeholder && t(p.address.placeholder)}
    />
  );
  const note = <p class="ds-panel__note">{t(p.note)}</p>;

  return (
    <form class="ds-form" onSubmit={submit} aria-label={t(p.form)} noValidate>
      {/* The practice reads the note before typing; the patient reads it just above the passphrase it explains. */}
      {practice && note}
      <div class="ds-form__row">
        {practice ? (
          <>
            {addressField}
            {nameField}
          </>
        ) : (
          <>
            {nameField}
            {addressField}
          </>
        )}
        {practice && (
          <TextField label={t('identity.generate.organization')} hint={t('identity.generate.optional')} value={org} onValue={setOrg} />
        )}
      </div>
      {!practice && note}
      {practice && <KeySize bits={bits} onBits={setBits} />}
      <div class="ds-form__row">
        <PassphraseField label={t(p.passphrase.label)} hint={t(p.passphrase.hint, { min: MIN_PASSPHRASE })} value={pass} onValue={setPass} />
        <PassphraseField label={t(p.passphrase.again)} value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t(p.submit)}
        </Button>
      </div>
    </form>
  );
}

function KeySize({ bits, onBits }: { bits: 2048 | 3072; onBits: (bits: 2048 | 3072) => void }) {
  return (
    <fieldset class="ds-fieldset">
      <legend class="ds-legend">{t('identity.generate.size')}</legend>
      <div class="ds-choices">
        <label class="ds-choice">
          <input type="radio" name="bits" checked={bits === 2048} onChange={() => onBits(2048)} />
          RSA 2048 <small>{t('identity.generate.size.2048')}</small>
        </label>
        <label class="ds-choice">
          <input type="radio" name="bits" checked={bits === 3072} onChange={() => onBits(3072)} />
          RSA 3072 <small>{t('identity.generate.size.3072')}</small>
        </label>
      </div>
    </fieldset>
  );
}

/** The next step is on the new identity's card, higher up the page: bring it into view and focus its button. */
function focusNextStep(id: string, tries = 20): void {
  const card = document.getElementById(`identity-${id}`)?.closest('article');
  const button = card?.querySelector<HTMLButtonElement>('.ds-pending button');
  if (!button) {
    if (tries > 0) setTimeout(() => focusNextStep(id, tries - 1), 100);
    return;
  }
  card!.scrollIntoView({ block: 'start', behavior: 'smooth' });
  button.focus({ preventScroll: true });
}
