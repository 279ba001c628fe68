import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call, download, fromBase64 } from '../client';
import { Button, Notices } from '../ui/controls';
import { lockNotice, useAction } from '../ui/useAction';
import { PassphraseField } from './PassphraseField';

/**
 * Downloads the kept backup as it is, or a fresh .p12 under a new passphrase (for a colleague's browser).
 * The DirectSeal passphrase is asked again: whoever finds the browser unlocked cannot carry the key away.
 */
export function ExportBackupForm({ identity, onDone }: { identity: IdentitySummary; onDone: () => void }) {
  const [fresh, setFresh] = useState(false);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [lockPass, setLockPass] = useState('');
  const askLock = identity.protection === 'passphrase';
  const { busy, notice: raw, setNotice, run } = useAction();
  const notice = lockNotice(raw);

  async function submit(e: Event) {
    e.preventDefault();
    if (fresh && pass.length < 10) return setNotice({ error: 'Choose a new passphrase of at least 10 characters.' });
    if (fresh && pass !== again) return setNotice({ error: 'The two passphrases differ; type the same passphrase twice.' });
    const reply = await run(
      'Preparing the backup…',
      () => call('identities.exportBackup', { id: identity.id, ...(fresh ? { passphrase: pass } : {}), ...(askLock ? { lockPassphrase: lockPass } : {}) }),
      (r) => `Your browser saved ${r.filename}.`,
    );
    setLockPass('');
    if (!reply) return;
    download(fromBase64(reply.p12), reply.filename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
  }

  return (
    <form class="ds-form ds-export" onSubmit={submit} aria-label={`Export a backup of ${identity.address}`} noValidate>
      <fieldset class="ds-fieldset">
        <legend class="ds-legend">Which backup?</legend>
        <div class="ds-choices">
          <label class="ds-choice">
            <input type="radio" name={`export-${identity.id}`} checked={!fresh} onChange={() => setFresh(false)} />
            The backup file as kept <small>(its original passphrase)</small>
          </label>
          <label class="ds-choice">
            <input type="radio" name={`export-${identity.id}`} checked={fresh} onChange={() => setFresh(true)} />
            A new file under a new passphrase
          </label>
        </div>
      </fieldset>
      {fresh && (
        <div class="ds-form__row">
          <PassphraseField label="New passphrase" value={pass} onValue={setPass} />
          <PassphraseField label="New passphrase again" value={again} onValue={setAgain} />
        </div>
      )}
      {askLock && <PassphraseField label="Your DirectSeal passphrase" hint="Asked again because a backup carries your key out of this browser." value={lockPass} onValue={setLockPass} autoComplete="current-password" />}
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          Download backup
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Close
        </Button>
      </div>
    </form>
  );
}
