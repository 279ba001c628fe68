import { useState } from 'preact/hooks';
import { call, download, fromBase64 } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { looksLikeAddress } from '../ui/format';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { MIN_PASSPHRASE, PassphraseField } from './PassphraseField';


/**
 * A new RSA key and a certificate request for the HISP/CA. The key is written first into a backup .p12 under the
 * passphrase typed here, which the browser downloads; the identity card then walks through the remaining steps.
 */
export function GenerateKeyForm() {
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [bits, setBits] = useState<2048 | 3072>(2048);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e?: Event) {
    e?.preventDefault();
    const addr = address.trim();
    if (!looksLikeAddress(addr)) return setNotice({ error: t('identity.generate.address.missing') });
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: t('identity.generate.tooShort', { min: MIN_PASSPHRASE }) });
    if (pass !== again) return setNotice({ error: t('lock.differ') });

    const reply = await run(
      t(bits === 3072 ? 'identity.generate.busySlow' : 'identity.generate.busy'),
      () =>
        call('identities.generate', {
          address: addr,
          modulusLength: bits,
          backupPassphrase: pass,
          ...(name.trim() ? { commonName: name.trim() } : {}),
          ...(org.trim() ? { organization: org.trim() } : {}),
        }),
      (r) => t('identity.generate.done', { address: r.identity.address, file: r.backupFilename }),
    );
    if (!reply) return;
    download(fromBase64(reply.backupP12), reply.backupFilename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
    setAddress('');
    setName('');
    setOrg('');
    dataChanged();
    focusNextStep(reply.identity.id);
  }

  return (
    <form class="ds-form" onSubmit={submit} aria-label={t('identity.generate.form')} noValidate>
      <p class="ds-panel__note">{t('identity.generate.note')}</p>
      <div class="ds-form__row">
        <TextField
          label={t('identity.generate.address')}
          type="email"
          autoComplete="off"
          spellcheck={false}
          value={address}
          onValue={setAddress}
          placeholder={t('identity.generate.address.placeholder')}
        />
        <TextField label={t('identity.generate.name')} hint={t('identity.generate.name.hint')} value={name} onValue={setName} />
        <TextField label={t('identity.generate.organization')} hint={t('identity.generate.optional')} value={org} onValue={setOrg} />
      </div>
      <fieldset class="ds-fieldset">
        <legend class="ds-legend">{t('identity.generate.size')}</legend>
        <div class="ds-choices">
          <label class="ds-choice">
            <input type="radio" name="bits" checked={bits === 2048} onChange={() => setBits(2048)} />
            RSA 2048 <small>{t('identity.generate.size.2048')}</small>
          </label>
          <label class="ds-choice">
            <input type="radio" name="bits" checked={bits === 3072} onChange={() => setBits(3072)} />
            RSA 3072 <small>{t('identity.generate.size.3072')}</small>
          </label>
        </div>
      </fieldset>
      <div class="ds-form__row">
        <PassphraseField
          label={t('identity.generate.passphrase')}
          hint={t('identity.generate.passphrase.hint', { min: MIN_PASSPHRASE })}
          value={pass}
          onValue={setPass}
        />
        <PassphraseField label={t('identity.generate.passphraseAgain')} value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t('identity.generate.submit')}
        </Button>
      </div>
    </form>
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
