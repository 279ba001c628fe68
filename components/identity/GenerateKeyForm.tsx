import { useState } from 'preact/hooks';
import { call, download, fromBase64 } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { looksLikeAddress } from '../ui/format';
import { useAction } from '../ui/useAction';
import { PassphraseField } from './PassphraseField';

const MIN_PASSPHRASE = 10;

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
    if (!looksLikeAddress(addr)) return setNotice({ error: 'Type the Direct address the certificate is for, like dr.jones@direct.example-clinic.org.' });
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: `Choose a backup passphrase of at least ${MIN_PASSPHRASE} characters.` });
    if (pass !== again) return setNotice({ error: 'The two passphrases differ; type the same passphrase twice.' });

    const reply = await run(
      bits === 3072 ? 'Creating the key (this can take a few seconds)…' : 'Creating the key…',
      () =>
        call('identities.generate', {
          address: addr,
          modulusLength: bits,
          backupPassphrase: pass,
          ...(name.trim() ? { commonName: name.trim() } : {}),
          ...(org.trim() ? { organization: org.trim() } : {}),
        }),
      (r) => `Key created for ${r.identity.address}. Your browser saved the backup as ${r.backupFilename}: finish the steps on its card above.`,
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
    <form class="ds-form" onSubmit={submit} aria-label="Create a new key" noValidate>
      <p class="ds-panel__note">
        For when your HISP or CA asks you for a certificate request (CSR). You will save a backup of the key, send
        the request, and import the certificate they return.
      </p>
      <div class="ds-form__row">
        <TextField label="Direct address" type="email" autoComplete="off" spellcheck={false} value={address} onValue={setAddress} placeholder="name@direct.example.org" />
        <TextField label="Name on the certificate" hint="A person or the practice; optional" value={name} onValue={setName} />
        <TextField label="Organization" hint="Optional" value={org} onValue={setOrg} />
      </div>
      <fieldset class="ds-fieldset">
        <legend class="ds-legend">Key size</legend>
        <div class="ds-choices">
          <label class="ds-choice">
            <input type="radio" name="bits" checked={bits === 2048} onChange={() => setBits(2048)} />
            RSA 2048 <small>(what most HISPs expect)</small>
          </label>
          <label class="ds-choice">
            <input type="radio" name="bits" checked={bits === 3072} onChange={() => setBits(3072)} />
            RSA 3072 <small>(stronger, slower)</small>
          </label>
        </div>
      </fieldset>
      <div class="ds-form__row">
        <PassphraseField
          label="Backup passphrase"
          hint={`At least ${MIN_PASSPHRASE} characters. It protects the backup file; without it the backup cannot be opened.`}
          value={pass}
          onValue={setPass}
        />
        <PassphraseField label="Backup passphrase again" value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          Create key and backup
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
