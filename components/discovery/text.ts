/** What the user reads about discovery, the same beside "Find certificate" and in Settings. */
import { t } from '../i18n/current';

export const ldapNote = (): string => t('discovery.ldap');
