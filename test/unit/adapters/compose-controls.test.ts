// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
/**
 * What the adapters give the secure compose (entrypoints/webmail.content/guard.ts): the webmail's own subject,
 * body and Send, the attached file names, whether the compose is a reply, Roundcube's saved draft replaced, and
 * a read view's outer subject and sender (test/e2e/webmail-compose.test.ts and roundcube.test.ts drive them in
 * a browser).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { gmail } from '../../../entrypoints/webmail.content/adapters/gmail';
import { outlook } from '../../../entrypoints/webmail.content/adapters/outlook';
import { roundcube } from '../../../entrypoints/webmail.content/adapters/roundcube';
import { fieldText, setReadOnly } from '../../../entrypoints/webmail.content/fields';
import { loadFixture } from './fixture';

function at(search: string): void {
  history.replaceState(null, '', `/${search}`);
}

/** Roundcube's inline `rcmail.set_env({...})`, added after the fixture's own scripts ran. */
function pageEnv(env: object): void {
  const script = Object.assign(document.createElement('script'), { type: 'application/json', textContent: `rcmail.set_env(${JSON.stringify(env)});` });
  document.head.append(script);
}

beforeEach(() => at(''));

describe('roundcube', () => {
  it('gives its subject, body and Send, and the names of the uploaded files', async () => {
    at('?_task=mail&_action=compose&_id=1');
    const [view] = roundcube.composeViews(loadFixture('roundcube-compose.html'));
    const controls = view!.controls!();
    expect(controls.subject?.id).toBe('compose-subject');
    expect(controls.body?.id).toBe('composebody');
    expect(controls.send?.matches('button.send')).toBe(true);
    expect(view!.attachmentNames!()).toEqual([]);
    await view!.attach(new File([new Uint8Array([1])], 'smime.p7m'));
    expect(view!.attachmentNames!()).toEqual(['smime.p7m']);
  });

  it('is a reply when the page says compose_mode "reply"', () => {
    at('?_task=mail&_action=compose&_id=1');
    loadFixture('roundcube-compose.html');
    expect(roundcube.composeViews(document)[0]!.isReply!()).toBe(false);
    pageEnv({ compose_mode: 'reply', max_filesize: 31457280 });
    expect(roundcube.composeViews(document)[0]!.isReply!()).toBe(true);
  });

  it('saves over the draft Roundcube saved (its Save, then the new draft id); nothing when it saved none', async () => {
    at('?_task=mail&_action=compose&_id=1');
    const doc = loadFixture('roundcube-compose.html');
    const [view] = roundcube.composeViews(doc);
    const form = doc.querySelector('form')!;
    const id = Object.assign(doc.createElement('input'), { type: 'hidden', name: '_draft_saveid', value: '' });
    const save = Object.assign(doc.createElement('a'), { className: 'save draft', href: '#' });
    let clicks = 0;
    // Stand-in for Roundcube: Save stores the compose as draft 42 and deletes the one whose id it sent.
    save.addEventListener('click', () => {
      clicks++;
      setTimeout(() => (id.value = '42'), 5);
    });
    form.append(id, save);
    await view!.saveDraftOver!();
    expect(clicks).toBe(0);
    id.value = '41';
    await view!.saveDraftOver!();
    expect(clicks).toBe(1);
    expect(id.value).toBe('42');
  });

  it('reads the outer subject without Roundcube\'s extras, and the sender from the page', () => {
    at('?_task=mail&_action=preview&_uid=7&_mbox=INBOX');
    const doc = loadFixture('roundcube-read.html');
    const heading = doc.querySelector('h2.subject')!;
    heading.prepend(Object.assign(doc.createElement('span'), { className: 'voice', textContent: 'Subject: ' }));
    heading.append(Object.assign(doc.createElement('a'), { className: 'extwin', textContent: 'Open in new window' }));
    pageEnv({ sender: 'Dr House <dr.house@direct.doctor.test>' });
    const [view] = roundcube.readViews(doc);
    expect(view!.subject!()).toBe('Secure message');
    expect(view!.sender!()).toBe('dr.house@direct.doctor.test');
    // Roundcube's placeholder for a message without a Subject is no subject.
    heading.replaceChildren('(no subject)');
    expect(roundcube.readViews(doc)[0]!.subject!()).toBe('');
  });
});

describe('gmail', () => {
  it('tells the inline reply from a new message, and names the attached files', () => {
    const doc = loadFixture('gmail-compose.html');
    const byId = Object.fromEntries(gmail.composeViews(doc).map((v) => [v.root.id, v]));
    expect(byId.reply!.isReply!()).toBe(true);
    expect(byId.dialog!.isReply!()).toBe(false);
    expect(byId.dialog!.controls!().subject?.value).toBe('Lab results for Pat');
    expect(fieldText(byId.dialog!.controls!().body)).toContain('Your potassium is 5.9 mmol/L.');
    const chip = Object.assign(doc.createElement('div'), { className: 'dL' });
    chip.append(Object.assign(doc.createElement('div'), { className: 'vI', textContent: 'smime.p7m' }));
    doc.querySelector('#dialog .GM')!.append(chip);
    expect(byId.dialog!.attachmentNames!()).toEqual(['smime.p7m']);
    expect(byId.reply!.attachmentNames!()).toEqual([]);
  });

  it('reads the conversation subject and each message\'s sender', () => {
    const doc = loadFixture('gmail-thread.html');
    const [view] = gmail.readViews(doc).filter((v) => v.sealedParts().length);
    expect(view!.subject!()).toBe('Secure message from Hillside Clinic');
    expect(view!.sender!()).toBe('pat@patient.test');
  });
});

describe('outlook', () => {
  it('is a reply when Outlook prefilled RE:, and gives its fields and Send', () => {
    const doc = loadFixture('outlook-compose.html');
    const [view] = outlook.composeViews(doc);
    const controls = view!.controls!();
    expect(view!.isReply!()).toBe(false);
    controls.subject!.value = 'RE: Secure message from Hillside Clinic';
    expect(view!.isReply!()).toBe(true);
    expect(controls.send?.getAttribute('aria-label')).toBe('Send');
  });
});

describe('setReadOnly', () => {
  it('locks an input, and only marks a rich editor (adapters find a compose by its editable body)', () => {
    const doc = loadFixture('gmail-compose.html');
    const view = gmail.composeViews(doc).find((v) => v.root.id === 'dialog')!;
    const { subject, body } = view.controls!();
    setReadOnly(subject, true);
    setReadOnly(body, true);
    expect(subject!.readOnly).toBe(true);
    expect(body!.getAttribute('contenteditable')).toBe('true');
    expect(body!.getAttribute('aria-readonly')).toBe('true');
    expect(gmail.composeViews(doc).map((v) => v.root.id)).toContain('dialog');
  });
});
