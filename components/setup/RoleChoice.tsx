import type { Role } from './steps';

const ROLES: { role: Role; title: string; note: string }[] = [
  {
    role: 'practice',
    title: 'I set up a practice',
    note: 'You run DirectSeal for a practice: its Direct identity and trust anchors, and certificates for patients who have no Direct provider.',
  },
  {
    role: 'physician',
    title: 'I am a physician or on the staff',
    note: 'Your practice or its provider gave you a Direct address and an identity file (.p12 or .pfx) with its passphrase.',
  },
  {
    role: 'patient',
    title: 'I am a patient',
    note: 'Your practice invited you to receive secure messages at your own e-mail address. DirectSeal makes your key; the practice confirms it is you.',
  },
];

/** The first question: who is setting DirectSeal up, so only that role's steps follow. */
export function RoleChoice({ onChoose, current }: { onChoose: (role: Role) => void; current?: Role }) {
  return (
    <section class="setup-roles" aria-labelledby="setup-roles-title">
      <h1 id="setup-roles-title">Welcome to DirectSeal</h1>
      <p class="setup-lead">
        DirectSeal signs and encrypts health mail in the webmail you already use. Everything stays in this browser.
        Who are you? Setup then shows only the steps you need; you can change everything later in Settings.
      </p>
      <ul class="setup-roles__list">
        {ROLES.map((r) => (
          <li key={r.role}>
            <button type="button" class={`setup-role${current === r.role ? ' is-current' : ''}`} onClick={() => onChoose(r.role)}>
              <span class="setup-role__title">{r.title}</span>
              <span class="setup-role__note">{r.note}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
