import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Brand } from '../Brand';
import { AnchorsSection } from '../trust/AnchorsSection';
import { ContactsSection } from '../contacts/ContactsSection';
import { IdentitySection } from '../identity/IdentitySection';
import { IndicatorSection } from '../indicator/IndicatorSection';
import { PracticeCaSection } from '../practice-ca/PracticeCaSection';
import { useServiceList } from '../ui/data';
import { Button } from '../ui/controls';
import { Finished } from './Finished';
import { Glossary } from './Glossary';
import { PassphraseStep } from './PassphraseStep';
import { PatientKeyStep } from './PatientKeyStep';
import { RequestFileStep } from './RequestFileStep';
import { RoleChoice } from './RoleChoice';
import { WelcomeStep } from './WelcomeStep';
import { loadProgress, saveProgress } from './progress';
import { currentStep, GLOSSARY, ROLE_STEPS, stepInfo, type DoneSteps, type Role, type SetupProgress, type StepId } from './steps';
import { useDoneSteps } from './useDoneSteps';
import './setup.css';

const FINISHED = 'finished';
type Cursor = StepId | typeof FINISHED;

/** Terms each step explains, per role: a patient never meets the practice's words unexplained. */
const TERMS: Record<StepId, readonly (keyof typeof GLOSSARY)[]> = {
  passphrase: [], // the step's own text says what the passphrase protects
  indicator: ['phrase'],
  identity: ['direct', 'hisp'],
  anchors: ['anchor'],
  'practice-ca': ['practiceCa'],
  contacts: [],
  'patient-key': ['patientKey'],
  'request-file': ['certificate'],
  welcome: [],
};

/** The first-run setup: the role, then that role's steps one at a time, with progress, then what to do next. */
export function SetupPage() {
  const [progress, setProgress] = useState<SetupProgress>();
  const [cursor, setCursor] = useState<Cursor>();
  const done = useDoneSteps(progress);
  useEffect(() => void loadProgress().then(setProgress), []);
  // Resume where the user left off: the first step neither done nor skipped.
  useEffect(() => {
    if (cursor === undefined && progress?.role && done) setCursor(currentStep(progress.role, progress, done) ?? FINISHED);
  }, [progress, done, cursor]);

  function update(next: SetupProgress) {
    setProgress(next);
    void saveProgress(next);
  }

  if (!progress) return <Frame />;
  if (!progress.role) {
    return (
      <Frame>
        <RoleChoice
          onChoose={(role) => {
            update({ ...progress, role, skipped: [] });
            setCursor(undefined);
          }}
        />
      </Frame>
    );
  }
  const role = progress.role;
  if (!done || cursor === undefined) return <Frame />;
  const steps = ROLE_STEPS[role];
  const advance = (from: StepId) => setCursor(steps[steps.indexOf(from) + 1] ?? FINISHED);

  return (
    <Frame>
      <Progress role={role} steps={steps} cursor={cursor} done={done} skipped={progress.skipped} onGo={setCursor} onChangeRole={() => update({ ...progress, role: undefined })} />
      {cursor === FINISHED ? (
        <Finished role={role} skipped={progress.skipped.map((s) => stepInfo(s).title)} onAgain={() => setCursor(steps[0])} />
      ) : (
        <Step
          key={cursor}
          id={cursor}
          index={steps.indexOf(cursor)}
          count={steps.length}
          isDone={done.has(cursor)}
          onContinue={() => advance(cursor)}
          onSkip={() => {
            update({ ...progress, skipped: [...new Set([...progress.skipped, cursor])] });
            advance(cursor);
          }}
        >
          <StepBody id={cursor} progress={progress} update={update} />
        </Step>
      )}
    </Frame>
  );
}

function Frame({ children }: { children?: ComponentChildren }) {
  return (
    <>
      <header class="page-header">
        <div class="page-header__inner">
          <Brand size={36} tagline="Setup" />
          <nav aria-label="DirectSeal pages" class="page-header__links">
            <a href="/options.html">Settings</a>
          </nav>
        </div>
      </header>
      <main class="setup" id="main">
        {children ?? <p class="ds-loading">Loading…</p>}
      </main>
    </>
  );
}

function Progress(props: { role: Role; steps: readonly StepId[]; cursor: Cursor; done: DoneSteps; skipped: StepId[]; onGo: (id: StepId) => void; onChangeRole: () => void }) {
  const roleName = { practice: 'a practice', physician: 'a physician', patient: 'a patient' }[props.role];
  return (
    <nav class="setup-progress" aria-label="Setup progress">
      <p class="setup-progress__role">
        Setting up as {roleName}.{' '}
        <button type="button" class="setup-link" onClick={props.onChangeRole}>
          Change
        </button>
      </p>
      <ol class="ds-steps setup-steps">
        {props.steps.map((id, i) => {
          const state = props.done.has(id) ? 'done' : props.skipped.includes(id) ? 'skipped' : undefined;
          return (
            <li key={id} class={state === 'done' ? 'is-done' : state === 'skipped' ? 'is-skipped' : undefined} aria-current={props.cursor === id ? 'step' : undefined}>
              <button type="button" class="setup-steps__go" onClick={() => props.onGo(id)}>
                <span class="ds-steps__n" aria-hidden="true">
                  {state === 'done' ? '✓' : i + 1}
                </span>
                {stepInfo(id).title}
                {state === 'done' && <span class="ds-visually-hidden"> (done)</span>}
                {state === 'skipped' && <span class="setup-steps__later">later</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function Step(props: { id: StepId; index: number; count: number; isDone: boolean; onContinue: () => void; onSkip: () => void; children: ComponentChildren }) {
  const info = stepInfo(props.id);
  return (
    <section class="setup-step" aria-labelledby="setup-step-title">
      <p class="setup-step__count">
        Step {props.index + 1} of {props.count}
      </p>
      <h1 id="setup-step-title">{info.title}</h1>
      <Glossary terms={TERMS[props.id]} />
      <div class="setup-step__body">{props.children}</div>
      <div class="ds-actions setup-step__nav">
        <Button disabled={!props.isDone} onClick={props.onContinue}>
          Continue
        </Button>
        {info.skippable && !props.isDone && (
          <Button variant="quiet" onClick={props.onSkip}>
            Skip for now
          </Button>
        )}
        {!props.isDone && <span class="setup-step__hint">{info.skippable ? 'Continue opens once this step is done; or do it later in Settings.' : 'Continue opens once this step is done.'}</span>}
      </div>
    </section>
  );
}

function StepBody({ id, progress, update }: { id: StepId; progress: SetupProgress; update: (p: SetupProgress) => void }) {
  const { data } = useServiceList('identities.list');
  const identities = data.state === 'ready' ? data.value : [];
  // A patient has one identity: the key setup made (still waiting for its certificate, or ready).
  const own = identities.find((i) => i.state !== 'ready') ?? identities[0];
  switch (id) {
    case 'passphrase':
      return <PassphraseStep />;
    case 'indicator':
      return <IndicatorSection />;
    case 'identity':
      return <IdentitySection />;
    case 'anchors':
      return <AnchorsSection />;
    case 'practice-ca':
      return <PracticeCaSection />;
    case 'contacts':
      return <ContactsSection />;
    case 'patient-key':
      return <PatientKeyStep identity={own} onName={(patientName) => update({ ...progress, patientName })} />;
    case 'request-file':
      return <RequestFileStep identity={own} name={progress.patientName} saved={!!progress.requestSaved} onSaved={() => update({ ...progress, requestSaved: true })} />;
    case 'welcome':
      return <WelcomeStep identity={own} />;
  }
}
