import { useServiceList } from '../ui/data';
import type { DoneSteps, SetupProgress, StepId } from './steps';

/** Which steps are done, read from the key service (reloaded whenever a form changes something). */
export function useDoneSteps(progress: SetupProgress | undefined): DoneSteps | undefined {
  const lock = useServiceList('lock.status').data;
  const indicator = useServiceList('indicator.get').data;
  const identities = useServiceList('identities.list').data;
  const anchors = useServiceList('anchors.list').data;
  const contacts = useServiceList('contacts.list').data;
  const ca = useServiceList('ca.status').data;
  const all = [lock, indicator, identities, anchors, contacts, ca];
  if (!progress || all.some((d) => d.state === 'loading')) return undefined;
  const value = <T,>(d: { state: string; value?: T }): T | undefined => (d.state === 'ready' ? d.value : undefined);
  const ids = value(identities) ?? [];
  const done = new Set<StepId>();
  const mode = value(lock)?.mode;
  if (mode && mode !== 'unset') done.add('passphrase');
  if (value(indicator)) done.add('indicator');
  const ready = ids.some((i) => i.state === 'ready');
  if (ready) done.add('identity').add('welcome').add('request-file');
  if (ids.some((i) => i.state !== 'awaiting-backup')) done.add('patient-key');
  if (progress.requestSaved) done.add('request-file');
  if ((value(anchors) ?? []).length > 0) done.add('anchors');
  if ((value(contacts) ?? []).length > 0) done.add('contacts');
  if (value(ca)?.backupConfirmed) done.add('practice-ca');
  return done;
}
