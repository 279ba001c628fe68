/**
 * The first-run setup's steps per role (issue 11.1): only what the role needs, resumed at the first step
 * neither done nor skipped; a patient's path has no practice steps.
 */
import { describe, expect, it } from 'vitest';
import { currentStep, ROLE_STEPS, stepInfo, type StepId } from '../../../components/setup/steps';

const done = (...ids: StepId[]) => new Set<StepId>(ids);

describe('setup steps', () => {
  it('gives each role only its own steps, the passphrase first', () => {
    expect(ROLE_STEPS.patient).toEqual(['passphrase', 'indicator', 'patient-key', 'request-file', 'welcome']);
    expect(ROLE_STEPS.physician).not.toContain('practice-ca');
    expect(ROLE_STEPS.practice).toContain('practice-ca');
    for (const steps of Object.values(ROLE_STEPS)) expect(steps[0]).toBe('passphrase');
  });

  it('resumes at the first step neither done nor skipped, and is finished when none is left', () => {
    expect(currentStep('physician', { skipped: [] }, done())).toBe('passphrase');
    expect(currentStep('physician', { skipped: ['indicator'] }, done('passphrase'))).toBe('identity');
    expect(currentStep('patient', { skipped: [] }, done('passphrase', 'indicator', 'patient-key'))).toBe('request-file');
    expect(currentStep('physician', { skipped: ['indicator', 'contacts'] }, done('passphrase', 'identity', 'anchors'))).toBeUndefined();
  });

  it('never lets the patient skip the steps that make them reachable, nor anyone the passphrase', () => {
    for (const id of ['passphrase', 'patient-key', 'request-file', 'welcome'] as const) expect(stepInfo(id).skippable).toBe(false);
    expect(stepInfo('practice-ca').skippable).toBe(true);
  });
});
