import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { readWelcome, type Welcome } from '@/utils/direct/welcome';
import { call, fileBytes, toBase64 } from '../client';
import { Button, Facts, FileField, Fingerprint, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { sentenceOf, useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';

/**
 * The welcome file from the practice: read here first, so the patient sees who it is from and compares the
 * practice's fingerprint with what the practice read out or printed; then imported in one go.
 */
export function WelcomeStep({ identity }: { identity: IdentitySummary | undefined }) {
  const [file, setFile] = useState<{ bytes: Uint8Array; welcome: Welcome }>();
  const [resetKey, setResetKey] = useState(0);
  const [refused, setRefused] = useState(false);
  const { busy, notice, setNotice, run } = useAction();
  if (identity?.state === 'ready') return <p class="setup-done">{t('patient.welcome.done', { address: identity.address })}</p>;

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
      setNotice({ error: sentenceOf(e) });
    }
  }

  async function accept(e?: Event) {
    e?.preventDefault();
    if (!file) return;
    const r = await run(t('patient.welcome.busy'), () => call('identities.importWelcome', { welcome: toBase64(file.bytes) }), (r) => t('patient.welcome.success', { practice: r.practiceName }));
    if (r) dataChanged();
  }

  function differ() {
    setFile(undefined);
    setRefused(true);
    setResetKey((k) => k + 1);
  }

  return (
    <div class="ds-form">
      <p>{rich('patient.welcome.intro', { welcome: <strong>{t('patient.welcome.word')}</strong> })}</p>
      <FileField label={t('patient.welcome.file')} accept=".directseal-welcome,.json" onFiles={(f) => void pick(f)} resetKey={resetKey} />
      {file && (
        <div class="ds-panel setup-compare" role="group" aria-label={t('patient.welcome.check')}>
          <h3 class="ds-panel__title">{t('patient.welcome.from', { practice: file.welcome.practiceName })}</h3>
          <Facts
            items={[
              [t('patient.welcome.practiceAddress'), file.welcome.practiceAddress],
              [t('patient.welcome.for'), file.welcome.patientAddress],
            ]}
          />
          <p>{t('patient.welcome.compare')}</p>
          <Fingerprint value={file.welcome.caFingerprint} />
          <div class="ds-actions">
            <Button busy={busy} onClick={accept}>
              {t('patient.welcome.match')}
            </Button>
            <Button variant="secondary" onClick={differ}>
              {t('patient.welcome.differ')}
            </Button>
          </div>
        </div>
      )}
      {refused && (
        <p class="ds-notice ds-notice--warn" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{t('patient.welcome.refused')}</span>
        </p>
      )}
      <Notices notice={notice} onUnlocked={() => void accept()} />
    </div>
  );
}
