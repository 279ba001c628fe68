import { backupFilename, type IdentitySummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { Button, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { useAction } from '../ui/useAction';
import { GenerateKeyForm } from '../identity/GenerateKeyForm';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';


/** The patient's own key, made here for their e-mail address; a spare copy is saved before it can be used. */
export function PatientKeyStep({ identity, onName }: { identity: IdentitySummary | undefined; onName: (name: string) => void }) {
  if (!identity) return <GenerateKeyForm who="patient" onMade={onName} />;
  if (identity.state === 'awaiting-backup') return <SpareCopy identity={identity} />;
  return <p class="setup-done">{t('patient.key.done', { address: identity.address })}</p>;
}

function SpareCopy({ identity }: { identity: IdentitySummary }) {
  const { busy, notice, run } = useAction();
  async function kept() {
    if (await run(t('ui.saving'), () => call('identities.confirmBackup', { id: identity.id }))) dataChanged();
  }
  return (
    <div class="ds-form">
      <p class="setup-done">{t('patient.key.made', { address: identity.address })}</p>
      <p>{rich('patient.spare.saved', { file: <strong>{backupFilename(identity.address)}</strong>, p12: <em>.p12</em> })}</p>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button busy={busy} onClick={kept}>
          {t('patient.spare.kept')}
        </Button>
      </div>
    </div>
  );
}
