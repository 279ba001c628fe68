/**
 * The first-run setup as data (issue 11.1): who the user is, and the steps that role needs, in order. Each
 * step is done when the key service says so (a passphrase chosen, an identity ready...), or skipped by the
 * user where skipping makes sense; the setup resumes at the first step neither done nor skipped.
 */
import { t } from '../i18n/current';

export type Role = 'practice' | 'physician' | 'patient';

export type StepId = 'passphrase' | 'indicator' | 'identity' | 'anchors' | 'practice-ca' | 'contacts' | 'patient-key' | 'request-file' | 'welcome';

export interface StepInfo {
  id: StepId;
  /** In the view's language. */
  title: string;
  /** May be left for later (the options page has every step again). */
  skippable: boolean;
}

const SKIPPABLE: Record<StepId, boolean> = {
  passphrase: false,
  indicator: true,
  identity: true,
  anchors: true,
  'practice-ca': true,
  contacts: true,
  'patient-key': false,
  'request-file': false,
  welcome: false,
};

export const ROLE_STEPS: Record<Role, readonly StepId[]> = {
  practice: ['passphrase', 'indicator', 'identity', 'anchors', 'practice-ca', 'contacts'],
  physician: ['passphrase', 'indicator', 'identity', 'anchors', 'contacts'],
  patient: ['passphrase', 'indicator', 'patient-key', 'request-file', 'welcome'],
};

export const stepInfo = (id: StepId): StepInfo => ({ id, title: t(`setup.step.${id}`), skippable: SKIPPABLE[id] });

/** What the user chose and did, kept between visits (components/setup/progress.ts). */
export interface SetupProgress {
  role?: Role;
  skipped: StepId[];
  /** The patient saved their enrollment request file at least once. */
  requestSaved?: boolean;
  /** The patient's name as they typed it, for their request file. */
  patientName?: string;
}

export const NO_PROGRESS: SetupProgress = { skipped: [] };

/** Which steps the key service's state shows as done. */
export type DoneSteps = ReadonlySet<StepId>;

/** The step to show: the first one neither done nor skipped; undefined once all are (setup finished). */
export function currentStep(role: Role, progress: SetupProgress, done: DoneSteps): StepId | undefined {
  return ROLE_STEPS[role].find((id) => !done.has(id) && !progress.skipped.includes(id));
}

/** The terms explained in one line where they first appear on a role's path (text: 'setup.glossary.*'). */
export const GLOSSARY_TERMS = ['direct', 'hisp', 'anchor', 'phrase', 'patientKey', 'certificate', 'practiceCa'] as const;
export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];
