/** English texts of Options → outgoing mail, the outer cover note, the verdict warnings and technical details. */
export const outgoingEn = {
  // Options → Outgoing mail
  'outgoing.title': 'Outgoing mail',
  'outgoing.summary':
    'The subject and the short note your webmail sends with every sealed message. Mail servers and anyone who sees the inbox can read them, so they say who it is from and how to read it, never what it is about. The real subject is sealed inside with the message.',
  'outgoing.loadFailed': 'The outgoing-mail settings could not be read ({why}); reload this page.',
  'outgoing.practice': 'Practice name',
  'outgoing.practice.hint': 'For example: Lakeside Family Practice.',
  'outgoing.phone': 'Phone',
  'outgoing.phone.hint': 'Where recipients can call about a message.',
  'outgoing.subject': 'Subject',
  'outgoing.subject.hint': '{practice} stands for the practice name. Never put health information here: it is not encrypted.',
  'outgoing.language': 'Language of the cover note',
  'outgoing.language.hint': 'The language of the standard subject and note. Your own words are sent as you type them.',
  'outgoing.language.auto': 'Same as these pages',
  'outgoing.language.both': 'Both, English first',
  'outgoing.coverNote': 'Your words in the cover note',
  'outgoing.coverNote.hint': 'Optional: opening hours, who to ask. Not encrypted.',
  'outgoing.readerLink': 'Link for recipients without DirectSeal',
  'outgoing.readerLink.hint': 'An https:// page of yours that explains how to read a secure message.',
  'outgoing.readerLink.notHttps': 'The link for recipients must be an https:// address.',
  'outgoing.preview': 'What recipients see',
  'outgoing.preview.caption': 'What recipients see before they open the message',
  'outgoing.preview.subject': 'Subject:',
  'outgoing.save': 'Save outgoing mail',
  'outgoing.saved': 'Saved. Messages you seal from now on carry this subject and cover note.',

  // The outer subject and cover note a recipient sees outside the encryption (utils/direct/outer-subject.ts)
  'outgoing.cover.subject': 'Secure message from {practice}',
  'outgoing.cover.subject.plain': 'Secure message',
  'outgoing.cover.carries': 'This email carries a secure Direct message (smime.p7m), signed and encrypted for you.',
  'outgoing.cover.carriesFrom': 'This email carries a secure Direct message from {practice} (smime.p7m), signed and encrypted for you.',
  'outgoing.cover.howToRead': 'To read it, open the attachment with DirectSeal or your Direct/S/MIME mail program.',
  'outgoing.cover.readerLink': 'No DirectSeal or Direct mail program? See {link}',
  'outgoing.cover.call': 'Questions about this message? Call {practice} at {phone}.',
  'outgoing.cover.callUs': 'Questions about this message? Call us at {phone}.',
  'outgoing.notification.subject': 'Delivery notification: processed',
  'outgoing.notification.body':
    'This email carries a Direct delivery notification (smime.p7m), signed and encrypted for you:\nit confirms that your secure message was received and opened.\n\nDirectSeal matches it to the message you sent when you open it.',

  // The verdict's warnings (utils/pki/warnings.ts codes), in the read view's technical details
  'outgoing.warnings': 'Warnings',
  'outgoing.warning.NO_SIGNING_TIME': 'The signature carries no signing time; validity was checked for now.',
  'outgoing.warning.SIGNING_TIME_IN_FUTURE': 'The signing time lies in the future; validity was checked for now.',
  'outgoing.warning.WEAK_ALGORITHM': 'The certificate "{subject}" is signed with {algorithm}, which is weak; ask its CA for a SHA-256 certificate.',
  'outgoing.warning.CRL_BAD_SIGNATURE': 'A revocation list (CRL) naming "{issuer}" as issuer has a bad signature and was ignored.',
  'outgoing.warning.CRL_OUT_OF_DATE': 'The revocation list (CRL) of "{issuer}" was out of date at {at}.',
  'outgoing.warning.ISSUER_FETCHED_NO_HELP': 'The issuer of "{subject}" fetched from {url} was no help.',
  'outgoing.warning.ISSUER_NOT_FETCHED': 'The issuer of "{subject}" could not be fetched from {url}: {detail}',
  'outgoing.warning.CRL_NOT_FETCHED': 'The revocation of "{subject}" was not checked: its revocation list (CRL) could not be fetched ({failures}).',
} as const;
