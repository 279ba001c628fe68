import type { Role } from './steps';

const NEXT: Record<Role, { title: string; steps: string[] }> = {
  practice: {
    title: 'Your practice is set up',
    steps: [
      'Issue patients’ certificates: in Settings → Patients without a HISP, take the request file a patient gives you, check it is them, and give them the welcome file with the fingerprint to compare.',
      'Add the people you write to in Settings → Contacts (their certificate file), or let DirectSeal find them when you write.',
      'Then open your webmail and click Secure in the compose view.',
    ],
  },
  physician: {
    title: 'You are set up',
    steps: [
      'Open your webmail and write a message: click Secure in the compose view, write in the DirectSeal window, then press your webmail’s own Send.',
      'A secure message you receive shows Open securely: click it to read it here, checked.',
    ],
  },
  patient: {
    title: 'You are ready for secure mail',
    steps: [
      'Wait for your practice’s secure message in your usual e-mail.',
      'Open it and click Open securely: DirectSeal shows it in its own window, with your security phrase.',
      'To answer, click Secure in your webmail’s compose view.',
    ],
  },
};

/** The finished state: what to do next, in the role's words. */
export function Finished({ role, skipped, onAgain }: { role: Role; skipped: string[]; onAgain: () => void }) {
  const next = NEXT[role];
  return (
    <section class="setup-finished" aria-labelledby="setup-finished-title">
      <h1 id="setup-finished-title">
        <span class="setup-finished__mark" aria-hidden="true">✓</span> {next.title}
      </h1>
      <h2>What to do next</h2>
      <ol class="setup-next">
        {next.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {skipped.length > 0 && <p class="setup-lead">You left {skipped.length === 1 ? 'one step' : `${skipped.length} steps`} for later: {skipped.join(', ')}. Settings has them all.</p>}
      <div class="ds-actions">
        <a class="ds-button ds-button--primary" href="/options.html">
          Open Settings
        </a>
        <button type="button" class="ds-button ds-button--secondary" onClick={onAgain}>
          Go through the steps again
        </button>
      </div>
    </section>
  );
}
