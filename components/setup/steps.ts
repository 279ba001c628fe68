/**
 * The first-run setup as data (issue 11.1): who the user is, and the steps that role needs, in order. Each
 * step is done when the key service says so (a passphrase chosen, an identity ready...), or skipped by the
 * user where skipping makes sense; the setup resumes at the first step neither done nor skipped.
 */
export type Role = 'practice' | 'physician' | 'patient';

export type StepId = 'passphrase' | 'indicator' | 'identity' | 'anchors' | 'practice-ca' | 'contacts' | 'patient-key' | 'request-file' | 'welcome';

export interface StepInfo {
  id: StepId;
  title: string;
  /** May be left for later (the options page has every step again). */
  skippable: boolean;
}

const STEP: Record<StepId, StepInfo> = {
  passphrase: { id: 'passphrase', title: 'Your DirectSeal passphrase', skippable: false },
  indicator: { id: 'indicator', title: 'Your security phrase', skippable: true },
  identity: { id: 'identity', title: 'Your Direct identity', skippable: true },
  anchors: { id: 'anchors', title: 'Trust anchors', skippable: true },
  'practice-ca': { id: 'practice-ca', title: 'Patients without a HISP', skippable: true },
  contacts: { id: 'contacts', title: 'Your first contact', skippable: true },
  'patient-key': { id: 'patient-key', title: 'Your key', skippable: false },
  'request-file': { id: 'request-file', title: 'Your request for the practice', skippable: false },
  welcome: { id: 'welcome', title: 'The welcome file from your practice', skippable: false },
};

export const ROLE_STEPS: Record<Role, readonly StepId[]> = {
  practice: ['passphrase', 'indicator', 'identity', 'anchors', 'practice-ca', 'contacts'],
  physician: ['passphrase', 'indicator', 'identity', 'anchors', 'contacts'],
  patient: ['passphrase', 'indicator', 'patient-key', 'request-file', 'welcome'],
};

export const stepInfo = (id: StepId): StepInfo => STEP[id];

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

/** One line, where a term first appears on a role's path. */
export const GLOSSARY = {
  direct: 'A Direct address is an e-mail address for secure health mail, like dr.lee@direct.lakeside-clinic.org; messages to and from it are signed and encrypted.',
  hisp: 'A HISP (Health Information Service Provider) is the company that runs Direct mail for a practice and issues its Direct address and certificate.',
  anchor: 'A trust anchor is the certificate of an authority you trust to vouch for others: a message counts as verified only when its sender’s certificate leads back to one.',
  phrase: 'Your security phrase is shown in every real DirectSeal window, so a fake window made by a web page gives itself away.',
  patientKey: 'Your key is a secret that never leaves this browser: with it you open the messages meant for you and sign the ones you send.',
  certificate: 'A certificate is your practice’s signed statement that your key belongs to your e-mail address, so others can write to you securely.',
  practiceCa: 'For patients who have no HISP, your practice can issue their certificates itself, from the request file their DirectSeal makes.',
} as const;
