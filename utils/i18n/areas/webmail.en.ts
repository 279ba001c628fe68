/** English texts of what the content scripts put into webmail and EHR pages, and the frame broker refusals. */
export const webmailEn = {
  // The buttons placed in the webmail's toolbars and beside EHR fields
  'webmail.button.secure': 'Secure',
  'webmail.button.open': 'Open securely',
  'webmail.button.reply': 'Reply securely',
  'webmail.button.field': 'Secure this field',

  // Said beside a button when its action could not start
  'webmail.secure.alreadySealed': 'This draft is sealed already: press Send, or start a new message to write another.',
  'webmail.secure.draftNotReplaced': "The webmail's saved draft could not be replaced ({reason}): delete it from your Drafts folder.",
  'webmail.open.partGone': 'The sealed attachment is no longer shown.',

  // What the frame is told after sealing (shown in the frame)
  'webmail.outcome.nothingToAttach': 'Nothing to attach.',
  'webmail.outcome.attachFailed': 'The sealed message could not be attached to your draft ({reason}). Download the .eml instead, or try again.',
  'webmail.outcome.attached':
    'Attached to your draft as {file}, with a cover note in place of the subject and text. Close this and press Send in your webmail.',
  'webmail.outcome.nothingToSend': 'Nothing to send.',
  'webmail.outcome.replyOpening': "Opening your webmail's reply: the sealed reply will be attached there. Press Send in your webmail.",
  'webmail.outcome.notificationOpening':
    "Opening your webmail's reply: the delivery notification will be attached there. Press Send in your webmail.",
  'webmail.outcome.replyWaiting': 'Now close this and click Reply in your webmail: the sealed reply will be attached there.',
  'webmail.outcome.notificationWaiting': 'Now close this and click Reply in your webmail: the delivery notification will be attached there.',

  // The sealed reply to an armored message, under its button
  'webmail.armor.reply': 'Sealed reply',
  'webmail.armor.note': 'Your reply is sealed. Copy it into the reply box of this page: only its recipients can open it.',
  'webmail.armor.field': 'Sealed reply (armored)',
  'webmail.armor.copy': 'Copy sealed reply',
  'webmail.armor.copied': 'Copied.',
  'webmail.armor.copyByHand': 'Select the text above and copy it (Ctrl+C).',

  // The mark on a sealed compose, and its warning
  'webmail.sealed.title': 'Sealed by DirectSeal',
  'webmail.sealed.text':
    'The message is in smime.p7m, signed and encrypted. The subject and text here are the cover note: they are not encrypted, so add nothing to them and attach nothing else. Press Send when ready.',
  'webmail.sealed.warnTitle': 'Not encrypted: added after sealing',
  'webmail.sealed.addedFile':
    '{file} was attached after sealing and is not encrypted. Remove it before you press Send; to send it securely, put it in a new secure message.',
  'webmail.sealed.addedFiles':
    '{files} were attached after sealing and are not encrypted. Remove them before you press Send; to send them securely, put them in a new secure message.',
  'webmail.sealed.changed':
    'The subject or text was changed after sealing. What is typed here is not encrypted: put the cover note back, or write it in DirectSeal (Secure).',

  // The question before Send
  'webmail.ask.addedTitle': 'Something here is not encrypted',
  'webmail.ask.sendAnyway': 'Send anyway',
  'webmail.ask.plainTitle': 'This reply is not encrypted',
  'webmail.ask.plainText':
    'You are answering a secure message, but this reply is not sealed: it would go out in the clear, readable by the mail servers on the way and stored unencrypted. Write it securely instead: DirectSeal takes what you typed.',
  'webmail.ask.writeSecurely': 'Write it securely',
  'webmail.ask.sendPlain': 'Send without encryption',
  'webmail.ask.cancel': 'Cancel',

  // Text held by DirectSeal after the frame was closed unsent
  'webmail.held.title': 'Your text is held by DirectSeal, not sent',
  'webmail.held.text':
    'What you had typed here was taken out of the webmail when you clicked Secure. Continue writing it securely, or put it back here (the webmail can then read and save it unencrypted).',
  'webmail.held.continue': 'Continue securely',
  'webmail.held.putBack': 'Put it back in the webmail',

  // The EHR page's API (docs/ehr-api.md): the sentence beside each code
  'webmail.ehr.badRequest': 'DirectSeal did not understand this request; see docs/ehr-api.md.',
  'webmail.ehr.closed': 'The user closed DirectSeal without sealing.',

  // The frame could not be opened (beside the button), or refused to open (in the frame)
  'webmail.frame.noAnswer': 'DirectSeal did not answer; reload the page.',
  'webmail.frame.cannotOpen': 'DirectSeal could not open its window here; reload the page and try again.',
  'webmail.refusal.notOpened':
    'This DirectSeal window was not opened by DirectSeal on this page. Close it, and use the Secure or Open securely button instead.',
  'webmail.refusal.forbidden': 'Only DirectSeal itself may do this.',
  'webmail.refusal.noAnswer': 'DirectSeal did not answer; close this window and try again.',
  'webmail.refusal.notHere': 'This DirectSeal window is not inside the page that opened it. Close it.',

  // What the webmail did not do (the reason inside the sentences above)
  'webmail.download.failed': 'the download failed (HTTP {status})',
  'webmail.waitTimedOut': 'timed out waiting for the webmail',
  'webmail.outlook.noAddress':
    "Outlook does not give the address of {file} to extensions: download it with Outlook's own Download command and open the file in DirectSeal (Open a file).",
  'webmail.roundcube.noUploadField': "Roundcube's upload field was not found",
  'webmail.roundcube.uploadNotStarted': 'Roundcube did not start the upload',
  'webmail.roundcube.noSaveButton': "Roundcube's Save button was not found",
  'webmail.roundcube.draftNotSaved': 'Roundcube did not save the emptied draft',
} as const;
