/** What the user reads about discovery, the same beside "Find certificate" and in Settings. */
export const LDAP_NOTE =
  'DirectSeal looks in DNS only: LDAP directories, the other place Direct certificates are published, cannot be reached from a browser. For those, get the certificate file from the recipient or their HISP and add it in Settings → Contacts.';
