/** English texts of Options → trust anchors, contacts, certificate discovery, practice CA. */
export const trustEn = {
  // Words the four sections share
  'trust.remove': 'Remove',
  'trust.removing': 'Removing…',
  'trust.expires': 'Expires',
  'trust.expiresOn': '{date} ({relative})',
  'trust.fingerprint': 'Fingerprint (SHA-256)',

  // Trust anchors
  'trust.anchors.title': 'Trust anchors',
  'trust.anchors.summary':
    "The root certificates of the Direct communities you trust (DirectTrust, your HISP). A message counts as verified only when its signer's certificate chains to one of these.",
  'trust.anchors.noFiles': 'Choose one or more anchor files (PEM, DER or .p7b).',
  'trust.anchors.importing': 'Importing…',
  'trust.anchors.refused.one': 'This file was not imported:',
  'trust.anchors.refused.other': 'These {count} files were not imported:',
  'trust.anchors.fileRefused': '{file}: {error}',
  'trust.anchors.added.one': 'Added 1 trust anchor.',
  'trust.anchors.added.other': 'Added {count} trust anchors.',
  'trust.anchors.empty': 'No trust anchors yet',
  'trust.anchors.empty.note': 'Without one, no signature can be verified. Your HISP can give you its anchor or a trust bundle (.p7b).',
  'trust.anchors.add': 'Add trust anchors',
  'trust.anchors.add.note': 'Pick one or more files: a certificate (PEM or DER) or a trust bundle (.p7b).',
  'trust.anchors.files': 'Anchor files',
  'trust.anchors.import': 'Import anchors',
  'trust.anchors.expired': 'Expired',
  'trust.anchors.trusted': 'Trusted',
  'trust.anchors.removeNamed': 'Remove {name}',
  'trust.anchors.confirm': 'Remove the anchor {name}?',
  'trust.anchors.confirm.button': 'Remove anchor',
  'trust.anchors.confirm.body':
    'Messages signed under {name} will no longer count as verified, and contacts that chain to it will show as untrusted.',

  // Contacts
  'trust.contacts.title': 'Contacts',
  'trust.contacts.summary':
    "The Direct certificates of the people you write to. Every message you send is encrypted to its recipients' certificates, so a recipient needs one here first.",
  'trust.contacts.noFile': 'Choose the certificate file your contact sent you (PEM, DER or .cer).',
  'trust.contacts.adding': 'Adding…',
  'trust.contacts.added': 'Added the certificate of {address}.',
  'trust.contacts.addedExpired': 'Added the certificate of {address}, but it is expired: ask them for their renewed one.',
  'trust.contacts.addedNoAddress': 'Added the certificate.',
  'trust.contacts.empty': 'No contacts yet',
  'trust.contacts.empty.note': 'Ask each correspondent for their Direct certificate (a .pem, .cer or .der file) and add it below.',
  'trust.contacts.add': "Add a contact's certificate",
  'trust.contacts.add.note': 'The address is read from the certificate itself.',
  'trust.contacts.file': 'Certificate file',
  'trust.contacts.chooseChain': 'Choose the full chain file (.p7b or PEM) and add it.',
  'trust.contacts.notAdded': 'The certificate was not added.',
  'trust.contacts.addButton': 'Add certificate',

  // A contact's card
  'trust.contact.status.trusted': 'Trusted chain',
  'trust.contact.status.accepted-by-fingerprint': 'Accepted by fingerprint',
  'trust.contact.status.expired': 'Expired',
  'trust.contact.status.untrusted': 'Untrusted',
  'trust.contact.source.file': 'Added from a file',
  'trust.contact.source.signed-mail': 'From a signed message',
  'trust.contact.source.dns': 'Found in DNS',
  'trust.contact.source.manual': 'Added by hand',
  'trust.contact.removeNamed': 'Remove the certificate of {address}',
  'trust.contact.missingIssuer': 'Missing: the certificate of “{issuer}”. {problem}',
  'trust.contact.issuedBy': 'Issued by',
  'trust.contact.source': 'Source',

  // A certificate no anchor vouches for
  'trust.accept.accepting': 'Accepting…',
  'trust.accept.done': 'Accepted the certificate of {address} by its fingerprint.',
  'trust.accept.doneNoAddress': 'Accepted the certificate by its fingerprint.',
  'trust.accept.title': 'This certificate is not vouched for by any of your trust anchors',
  'trust.accept.why':
    'It does not chain to any trust anchor you imported. Patients often make their own certificate; that is fine, as long as it really is theirs.',
  'trust.accept.onlyIf': 'Accept it only if its owner ({address}) confirms, in person or by phone, that their fingerprint is exactly this one:',
  'trust.accept.onlyIfNoAddress': 'Accept it only if its owner confirms, in person or by phone, that their fingerprint is exactly this one:',
  'trust.accept.button': 'Accept this certificate',
  'trust.accept.decline': "Don't accept",

  // A certificate whose issuer's certificate is missing
  'trust.missing.title': "The issuer's certificate is missing",
  'trust.missing.thisContact': 'this contact',
  'trust.missing.what':
    'The certificate of {who} was issued by {issuer}, whose own certificate you do not have, so DirectSeal cannot tell whether one of your trust anchors vouches for it.',
  'trust.missing.ask': 'Ask {who} or their HISP for the {fullChain} (a .p7b file, or a PEM file with every certificate) and add that file here instead.',
  'trust.missing.fullChain': 'full chain',
  'trust.missing.choose': 'Choose the full chain',
  'trust.missing.compare': 'They cannot send it: compare fingerprints instead',

  // Certificate discovery
  'trust.discovery.title': 'Certificate discovery',
  'trust.discovery.summary':
    'Direct certificates are published in DNS (CERT records). DirectSeal asks for them through a DNS-over-HTTPS resolver, checks each one against your trust anchors and keeps the ones it can use as contacts. In the compose view, “{find}” does the same for a recipient.',
  'trust.discovery.unread': 'The resolver setting could not be read ({error}); reload this page.',
  'trust.discovery.notAllowed':
    'The browser did not allow DirectSeal to ask {origin}, so the resolver was not changed; try again and choose Allow.',
  'trust.discovery.saved': 'DirectSeal now looks up certificates through {resolver}.',
  'trust.discovery.found': 'Found a certificate for {address}; it is now in your contacts.',
  'trust.discovery.resolver': 'DNS-over-HTTPS resolver',
  'trust.discovery.inUse': 'In use: {resolver}. Your browser asks you to allow DirectSeal to reach a new resolver.',
  'trust.discovery.resolver.label': 'Resolver address',
  'trust.discovery.resolver.hint':
    'An https:// address, for example https://cloudflare-dns.com/dns-query; http:// only for a resolver on this computer (127.0.0.1 or localhost).',
  'trust.discovery.resolver.save': 'Save resolver',
  'trust.discovery.resolver.not-a-url': 'That is not a web address; type the resolver like https://cloudflare-dns.com/dns-query.',
  'trust.discovery.resolver.remote-http': 'A resolver on another computer must use https://, or the network could change its answers.',
  'trust.discovery.resolver.not-https': 'The resolver must be an https:// address.',
  'trust.discovery.resolver.credentials': 'Type the resolver without a user name or password.',
  'trust.discovery.find': 'Find a certificate',
  'trust.discovery.address': 'Direct address to look up',
  'trust.discovery.results': 'Certificates found',
  'trust.discovery.result': '{subject}: CERT {record} at {owner} — {verdict}',
  'trust.discovery.resultUrl': '{subject}: CERT {record} at {owner} ({url}) — {verdict}',
  'trust.discovery.usable': 'usable',

  // Issuers and revocation lists fetched online
  'trust.fetch.asking': 'Waiting for your answer in the browser’s prompt (at the top of the window)…',
  'trust.fetch.unread': 'The setting could not be read ({error}); reload this page.',
  'trust.fetch.notAllowed': 'The browser did not allow DirectSeal to reach CA servers, so nothing is fetched; try again and choose Allow.',
  'trust.fetch.on': 'Missing issuers and revocation lists are now fetched when a message is opened.',
  'trust.fetch.off': 'Nothing is fetched any more when a message is opened.',
  'trust.fetch.title': 'Issuers and revocation lists',
  'trust.fetch.note':
    'A sender’s certificate may name where its issuing CA’s certificate and its revocation list (CRL) can be downloaded. With this on, DirectSeal fetches them when a message is opened, so that a message whose chain is incomplete can still be verified and a revoked certificate is caught. The sender’s CA then learns that a message was opened, and from which network. What could not be fetched is said under the verdict’s technical details.',
  'trust.fetch.choice': 'Fetch missing issuers and revocation lists when a message is opened',

  // Patients without a HISP: the practice CA
  'trust.ca.title': 'Patients without a HISP',
  'trust.ca.summary':
    "Give patients a Direct certificate for their own e-mail address: your practice makes its own small certificate authority (CA) once, then issues a certificate from the request a patient's DirectSeal made, after you checked who they are as you usually do.",
  'trust.ca.nameMissing': 'Type your practice’s name as patients know it.',
  'trust.ca.passTooShort': 'Choose a backup passphrase of at least {min} characters.',
  'trust.ca.creating': 'Creating the practice CA…',
  'trust.ca.created': "Created. Your browser saved the CA's backup as {file}: keep it somewhere safe, then confirm below.",
  'trust.ca.createForm': 'Create a practice CA',
  'trust.ca.name': 'Practice name',
  'trust.ca.name.hint': 'As patients know it, e.g. Lakeside Family Practice',
  'trust.ca.pass': 'Backup passphrase',
  'trust.ca.pass.hint': "At least {min} characters; it protects the CA's backup file.",
  'trust.ca.passAgain': 'Backup passphrase again',
  'trust.ca.create': 'Create CA and backup',
  'trust.ca.card': 'Practice CA of {practice}',
  'trust.ca.ready': 'Ready to issue',
  'trust.ca.backupUnconfirmed': 'Backup not confirmed',
  'trust.ca.validUntil': 'Valid until',
  'trust.ca.download': 'Download the CA certificate (for patients)',
  'trust.ca.keptBackup': 'I kept the backup file safe',
  'trust.ca.thanks': 'Thank you. You can now issue patient certificates.',

  // Issuing a patient's certificate
  'trust.issue.issuing': 'Issuing…',
  'trust.issue.welcomeIssued':
    'Issued. Your browser saved {file}: give it to the patient, and read them the fingerprint above (or print it) to compare.',
  'trust.issue.noRequest': "Choose the patient's request file their DirectSeal made (.directseal-request, or a .csr or .pem).",
  'trust.issue.noAddress': "Type the patient's own e-mail address, exactly as in their request.",
  'trust.issue.issued': 'Issued. Your browser saved {file}: give it to the patient, with the CA certificate as their trust anchor.',
  'trust.issue.form': 'Issue a patient certificate',
  'trust.issue.note': "Check the patient's identity first, your usual way (in person, or through your patient portal).",
  'trust.issue.request': "Patient's request file",
  'trust.issue.request.hint': 'The .directseal-request file their DirectSeal saved (or a bare .csr / .pem request)',
  'trust.issue.who': 'Who the request is from',
  'trust.issue.check': 'Check that this is the person in front of you, or the one your portal knows:',
  'trust.issue.name': 'Name',
  'trust.issue.address': 'E-mail address',
  'trust.issue.birth': 'Date of birth',
  'trust.issue.phone': 'Phone',
  'trust.issue.welcomeNote':
    "DirectSeal issues their certificate and saves a welcome file for them: it also names your practice as their contact. Then read them your CA's fingerprint, or print it for them:",
  'trust.issue.patientAddress': "Patient's e-mail address",
  'trust.issue.patientName': "Patient's name",
  'trust.issue.patientName.hint': "Optional; the request's name otherwise",
  'trust.issue.welcome': 'It is them: issue the welcome file',
  'trust.issue.button': 'Issue certificate',
} as const;
