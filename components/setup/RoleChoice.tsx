import { t } from '../i18n/current';
import type { Role } from './steps';

const ROLES: readonly Role[] = ['practice', 'physician', 'patient'];

/** The first question: who is setting DirectSeal up, so only that role's steps follow. */
export function RoleChoice({ onChoose }: { onChoose: (role: Role) => void }) {
  return (
    <section class="setup-roles" aria-labelledby="setup-roles-title">
      <h1 id="setup-roles-title">{t('setup.welcome')}</h1>
      <p class="setup-lead">{t('setup.lead')}</p>
      <ul class="setup-roles__list">
        {ROLES.map((role) => (
          <li key={role}>
            <button type="button" class="setup-role" onClick={() => onChoose(role)}>
              <span class="setup-role__title">{t(`setup.role.${role}`)}</span>
              <span class="setup-role__note">{t(`setup.role.${role}.note`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
