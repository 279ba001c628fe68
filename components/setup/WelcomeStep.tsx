import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { readWelcome, type Welcome } from '@/utils/direct/welcome';
import { isDirectSealError } from '@/utils/errors';
import { call, fileBytes, toBase64 } from '../client';
import { Button, Facts, FileField, Fingerprint, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { sentenceOf, useAction } from '../ui/useAction';

/**
 * The welcome file from the practice: read here first, so the patient sees who it is from and compares the
 * practice's fingerprint with what the practice read out or printed; then imported in one go.
 */
export function WelcomeStep({ identity }: { identity: IdentitySummary | undefined }) {
  const [file, setFile] = useState<{ bytes: Uint8Array; welcome: Welcome }>();
  const [resetKey, setResetKey] = useState(0);
  const [refused, setRefused] = useState(false);
  const { busy, notice, setNotice, run } = useAction();
  if (identity?.state === 'ready') return <p class="setup-done">✓ You are set up: your certificate for {identity.address} is in place.</p>;

  async function pick(files: File[]) {
    setFile(undefined);
    setRefused(false);
    setNotice({});
    const f = files[0];
    if (!f) return;
    const bytes = await fileBytes(f);
    try {
      setFile({ bytes, welcome: await readWelcome(bytes) });
    } catch (e) {
      setNotice({ error: isDirectSealError(e) ? e.sentence : sentenceOf(e) });
    }
  }

  async function accept(e?: Event) {
    e?.preventDefault();
    if (!file) return;
    const r = await run('Setting up…', () => call('identities.importWelcome', { welcome: toBase64(file.bytes) }), (r) => `Done. ${r.practiceName} is now your contact, and your certificate is in place.`);
    if (r) dataChanged();
  }

  function differ() {
    setFile(undefined);
    setRefused(true);
    setResetKey((k) => k + 1);
  }

  return (
    <div class="ds-form">
      <p>
        When your practice has checked that it is you, they give you a <strong>welcome file</strong> (it ends in
        .directseal-welcome). It sets up everything at once: your certificate, your practice's certificate
        authority (so DirectSeal can check that messages really come from them), and the practice as a contact. You
        can close this page meanwhile: setup opens here again.
      </p>
      <FileField label="Welcome file from your practice" accept=".directseal-welcome,.json" onFiles={(f) => void pick(f)} resetKey={resetKey} />
      {file && (
        <div class="ds-panel setup-compare" role="group" aria-label="Check the welcome file">
          <h3 class="ds-panel__title">From {file.welcome.practiceName}</h3>
          <Facts
            items={[
              ['Practice address', file.welcome.practiceAddress],
              ['For', file.welcome.patientAddress],
            ]}
          />
          <p>
            Compare these letters with the ones your practice gave you: the practice can read them to you, or they
            are printed on the paper they gave you. They must be exactly the same.
          </p>
          <Fingerprint value={file.welcome.caFingerprint} />
          <div class="ds-actions">
            <Button busy={busy} onClick={accept}>
              The letters match: set up
            </Button>
            <Button variant="secondary" onClick={differ}>
              They differ
            </Button>
          </div>
        </div>
      )}
      {refused && (
        <p class="ds-notice ds-notice--warn" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>Nothing was set up. Do not use that file: call your practice and ask for the welcome file again.</span>
        </p>
      )}
      <Notices notice={notice} onUnlocked={() => void accept()} />
    </div>
  );
}
