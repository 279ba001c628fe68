/**
 * A real webmail for the end-to-end tests: Roundcube (elastic skin) over Dovecot and Postfix on loopback,
 * installed by scripts/webmail/install.sh and started in a private /tmp folder by scripts/webmail/start.sh.
 * Also Playwright helpers that drive Roundcube as a user would. docs/roundcube.md describes the DOM they
 * rely on; every Roundcube selector is in RC below, so a Roundcube change is a one-place fix.
 */
import { execFile } from 'node:child_process';
import { createConnection } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { ROOT } from './browser';

const run = promisify(execFile);

/** Roundcube 1.6 elastic: every selector the helpers use, and the URL parameters they look for. */
export const RC = {
  login: { user: '#rcmloginuser', password: '#rcmloginpwd', submit: '#rcmloginsubmit' },
  /** The message list (a table; empty, it has no height, so wait for it attached, not visible). */
  messageList: '#messagelist',
  messageRow: '#messagelist tbody tr.message',
  /** Inside a row: the subject's link (href has `_uid=N&_action=show`) and the sender. */
  rowSubjectLink: 'td.subject span.subject a',
  rowFrom: 'td.subject span.fromto',
  /** Left menu "Compose" (a second, hidden copy exists for small screens). */
  composeButton: 'a.compose:not(.hidden)',
  compose: {
    /** Compose URL: `?_task=mail&_action=compose&_id=…` */
    urlPattern: /[?&]_action=compose(&|$)/,
    /** The real To field: a hidden textarea kept in sync with the recipient widget next to it. */
    toTextarea: '#_to',
    /** The visible recipient widget: `<ul class="recipient-input">` with one `<li class="recipient">` per
     *  address and a text input in its last `<li class="input">`. */
    toWidget: '#_to + ul.recipient-input',
    toTyping: '#_to + ul.recipient-input li.input input[type=text]',
    toRecipient: '#_to + ul.recipient-input li.recipient',
    subject: '#compose-subject',
    body: '#composebody',
    /** The upload form's file input (multiple); its change handler uploads at once. */
    fileInput: '#uploadformInput',
    attachmentList: '#attachment-list',
    /** While uploading: `<li id="upload…" class="uploading">`; done: `<li id="rcmfile…">`. */
    attachmentUploading: '#attachment-list li.uploading',
    attachmentDone: '#attachment-list li[id^="rcmfile"]',
    attachmentName: '.attachment-name',
    send: 'button.btn.send',
  },
  read: {
    /** The preview pane: an iframe whose document is `?_task=mail&_action=preview&_uid=N&_mbox=…&_framed=1`. */
    frame: '#messagecontframe',
    frameName: 'messagecontframe',
    previewUrlPattern: /[?&]_action=preview(&|$)/,
    subject: 'h2.subject',
    body: '#messagebody',
    attachment: '#attachment-list li',
    /** The attachment's link: `?_task=mail&_action=get&_mbox=…&_uid=N&_token=…&_part=P`. */
    attachmentLink: 'a.filename',
    attachmentName: '.attachment-name',
    /** The attachment's "Options" arrow, and the Download entry of the menu it opens. */
    attachmentOptions: 'a.dropdown',
    downloadMenuItem: '#attachmentmenu a#attachmenudownload',
  },
  /** Roundcube's notices ("Message sent successfully.", errors). */
  messageStack: '#messagestack',
} as const;

export interface WebmailAccount {
  address: string;
  password: string;
  /** The webmail's URL, so helpers can log this account in. */
  url: string;
}

export interface Webmail {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  accounts: { doctor: WebmailAccount; patient: WebmailAccount };
  ports: { http: number; imap: number; smtp: number };
  /** The private folder the servers run in (configuration, Maildirs, queue, database). */
  dir: string;
  /** The folder of the servers' logs (copied to artifacts/e2e/webmail-logs on stop). */
  logs: string;
  /** The last lines of every log: for a failing test's message. */
  tailLogs(lines?: number): string;
  /** Stops every server by its recorded PID (php -S workers too), keeps the logs, removes the folder. */
  stop(): Promise<void>;
}

const SCRIPTS = join(ROOT, 'scripts/webmail');
export const LOG_ARTIFACTS = join(ROOT, 'artifacts/e2e/webmail-logs');

/** Runs scripts/webmail/install.sh (quiet and instant when all is installed), then start.sh in a new /tmp folder. */
export async function startWebmail(): Promise<Webmail> {
  try {
    await run('bash', [join(SCRIPTS, 'install.sh')], { maxBuffer: 64 << 20, timeout: 900_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`scripts/webmail/install.sh failed: ${err.message}\n${tail(err.stdout ?? '', 30)}\n${tail(err.stderr ?? '', 30)}`);
  }
  const dir = mkdtempSync('/tmp/directseal-webmail-');
  try {
    await run('bash', [join(SCRIPTS, 'start.sh'), dir], { timeout: 120_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`scripts/webmail/start.sh failed: ${err.message}\n${err.stderr ?? ''}`);
  }
  const info = JSON.parse(readFileSync(join(dir, 'webmail.json'), 'utf8')) as {
    url: string;
    ports: Webmail['ports'];
    accounts: Record<'doctor' | 'patient', { address: string; password: string }>;
    logs: string;
  };
  const logs = info.logs;
  let stopped = false;
  return {
    url: info.url,
    dir,
    ports: info.ports,
    logs,
    accounts: {
      doctor: { ...info.accounts.doctor, url: info.url },
      patient: { ...info.accounts.patient, url: info.url },
    },
    tailLogs: (lines = 20) => tailLogs(logs, lines),
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('bash', [join(SCRIPTS, 'stop.sh'), dir], { timeout: 60_000 });
      rmSync(LOG_ARTIFACTS, { recursive: true, force: true });
      mkdirSync(LOG_ARTIFACTS, { recursive: true });
      cpSync(logs, LOG_ARTIFACTS, { recursive: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

function tailLogs(dir: string, lines: number): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(`---- ${p}\n${tail(readFileSync(p, 'utf8'), lines)}`);
    }
  };
  try {
    walk(dir);
  } catch {
    /* the folder is gone already */
  }
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------------ helpers

/** Logs `account` in from the login page and waits for the mail view. */
export async function login(page: Page, account: WebmailAccount): Promise<void> {
  await page.goto(account.url);
  await page.fill(RC.login.user, account.address);
  await page.fill(RC.login.password, account.password);
  await Promise.all([page.waitForURL(/[?&]_task=mail/), page.click(RC.login.submit)]);
  await page.waitForSelector(RC.messageList, { state: 'attached' });
  await waitIdle(page);
}

/** Waits until Roundcube's client (window.rcmail) has no request in flight. */
export async function waitIdle(page: Page | Frame, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const rc = (window as unknown as { rcmail?: { busy?: boolean; env?: object } }).rcmail;
      return !!rc && !!rc.env && !rc.busy;
    },
    undefined,
    { timeout },
  );
}

/** Clicks "Compose" and waits for the compose form. */
export async function openCompose(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(RC.compose.urlPattern), page.click(RC.composeButton)]);
  await page.waitForSelector(RC.compose.subject);
  await page.waitForSelector(RC.compose.toTyping);
  await waitIdle(page);
}

export interface ComposeFields {
  to: string | string[];
  subject: string;
  /** Keep it non-empty: Roundcube asks (window.confirm) before sending a message without text. */
  body: string;
}

/** Types the recipients into the To widget (each becomes a `li.recipient`), then Subject and body. */
export async function fillCompose(page: Page, fields: ComposeFields): Promise<void> {
  const to = Array.isArray(fields.to) ? fields.to : [fields.to];
  const before = await page.locator(RC.compose.toRecipient).count();
  const input = page.locator(RC.compose.toTyping);
  for (const address of to) {
    await input.click();
    // A comma ends an address: the widget turns it into a recipient box.
    await input.pressSequentially(`${address},`, { delay: 5 });
  }
  await page
    .waitForFunction(
      ([sel, n]) => document.querySelectorAll(sel).length >= n,
      [RC.compose.toRecipient, before + to.length] as const,
      { timeout: 10_000 },
    )
    .catch(async (e: Error) => {
      const widget = await page.locator(RC.compose.toWidget).evaluate((ul) => ul.outerHTML).catch(() => '?');
      throw new Error(`the To widget did not take ${to.join(', ')}: ${widget}\n${e.message}`);
    });
  await page.fill(RC.compose.subject, fields.subject);
  await page.fill(RC.compose.body, fields.body);
}

export type AttachmentSource = string | { name: string; mimeType: string; buffer: Buffer };

/** Adds a file through the upload input (as the file picker would) and waits until it is uploaded. */
export async function attachFile(page: Page, file: AttachmentSource): Promise<void> {
  const name = typeof file === 'string' ? basename(file) : file.name;
  const before = await page.locator(RC.compose.attachmentDone).count();
  // Roundcube drops any command (the upload too) while a request holds it busy.
  await waitIdle(page);
  await page.setInputFiles(RC.compose.fileInput, file);
  await waitForUpload(page, name, before);
}

/** Waits until `name` is listed as uploaded (`li[id^=rcmfile]`) and no upload is pending. */
export async function waitForUpload(page: Page, name: string, doneBefore = 0, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([done, uploading, nameSel, n, wanted]) => {
      const items = [...document.querySelectorAll(done)];
      return (
        items.length > n &&
        document.querySelectorAll(uploading).length === 0 &&
        items.some((li) => li.querySelector(nameSel)?.textContent?.trim() === wanted)
      );
    },
    [RC.compose.attachmentDone, RC.compose.attachmentUploading, RC.compose.attachmentName, doneBefore, name] as const,
    { timeout },
  ).catch(async (e: Error) => {
    const list = await page.locator(RC.compose.attachmentList).evaluate((ul) => ul.outerHTML).catch(() => '?');
    const notices = await page.locator(RC.messageStack).innerText().catch(() => '?');
    throw new Error(`${name} was not uploaded: ${list}\nnotices: ${notices}\n${e.message}`);
  });
}

/** Clicks Send and waits until Roundcube leaves the compose view (it returns to the mailbox once sent). */
export async function send(page: Page, timeout = 30_000): Promise<void> {
  await waitIdle(page);
  await Promise.all([
    page.waitForURL((u) => !RC.compose.urlPattern.test(u.search), { timeout }),
    page.click(RC.compose.send),
  ]);
  await page.waitForSelector(RC.messageList, { state: 'attached' });
}

/** Goes to the Inbox and waits for its list. */
export async function openInbox(page: Page): Promise<void> {
  const url = new URL(page.url());
  await page.goto(`${url.origin}/?_task=mail&_mbox=INBOX`);
  await page.waitForSelector(RC.messageList, { state: 'attached' });
  await waitIdle(page);
}

export interface ListedMessage {
  uid: number;
  subject: string;
  from: string;
}

async function listedMessages(page: Page): Promise<ListedMessage[]> {
  return page.$$eval(
    RC.messageRow,
    (rows, [linkSel, fromSel]) =>
      rows.map((tr) => {
        const a = tr.querySelector<HTMLAnchorElement>(linkSel);
        const uid = Number(new URL(a?.href ?? 'http://x/', location.href).searchParams.get('_uid'));
        return {
          uid,
          subject: a?.textContent?.trim() ?? '',
          from: tr.querySelector(fromSel)?.textContent?.trim() ?? '',
        };
      }),
    [RC.rowSubjectLink, RC.rowFrom] as const,
  );
}

/** Waits until the Inbox lists a message with this subject (or matching the predicate), reloading it. */
export async function waitForMessage(
  page: Page,
  match: string | ((m: ListedMessage) => boolean),
  timeout = 30_000,
): Promise<ListedMessage> {
  const pred = typeof match === 'string' ? (m: ListedMessage) => m.subject === match : match;
  const deadline = Date.now() + timeout;
  for (;;) {
    await openInbox(page);
    const found = (await listedMessages(page)).find(pred);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no message matching ${String(match)} in the Inbox after ${timeout} ms`);
    }
    await page.waitForTimeout(500);
  }
}

/** Clicks the message in the list and returns the preview frame once the message shows there. */
export async function openMessage(page: Page, subject: string): Promise<Frame> {
  const row = page.locator(RC.messageRow, { has: page.locator(RC.rowSubjectLink, { hasText: subject }) }).first();
  await row.click();
  const frame = await previewFrame(page);
  await frame.waitForSelector(RC.read.subject);
  await frame.waitForFunction(
    ([sel, text]) => document.querySelector(sel)?.textContent?.includes(text) ?? false,
    [RC.read.subject, subject] as const,
  );
  return frame;
}

/** The `#messagecontframe` frame once it shows a message (`_action=preview`). */
export async function previewFrame(page: Page, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frame({ name: RC.read.frameName });
    if (frame && RC.read.previewUrlPattern.test(new URL(frame.url()).search)) {
      await frame.waitForLoadState('load');
      return frame;
    }
    if (Date.now() > deadline) throw new Error('the message preview frame did not load');
    await page.waitForTimeout(100);
  }
}

export interface AttachmentLink {
  name: string;
  /** The link's own href: `?_task=mail&_action=get&_mbox=…&_uid=N&_token=…&_part=P` (opens a viewer). */
  href: string;
  part: string;
  uid: string;
  /** `href` plus `&_download=1`: the raw bytes as a download (what an adapter fetches). */
  downloadUrl: string;
}

/** The attachments listed in the read view (the preview frame or a full `_action=show` page). */
export async function attachmentLinks(frame: Frame | Page): Promise<AttachmentLink[]> {
  return frame.$$eval(
    `${RC.read.attachment} ${RC.read.attachmentLink}`,
    (links, nameSel) =>
      (links as HTMLAnchorElement[]).map((a) => {
        const url = new URL(a.href, location.href);
        return {
          name: a.querySelector(nameSel)?.textContent?.trim() ?? '',
          href: url.href,
          part: url.searchParams.get('_part') ?? '',
          uid: url.searchParams.get('_uid') ?? '',
          downloadUrl: `${url.href}&_download=1`,
        };
      }),
    RC.read.attachmentName,
  );
}

/** Downloads an attachment of the open message through Roundcube's own "Download" menu entry. */
export async function downloadAttachment(page: Page, name: string): Promise<Buffer> {
  const frame = await previewFrame(page);
  const item = frame.locator(RC.read.attachment, { has: frame.locator(RC.read.attachmentName, { hasText: name }) }).first();
  await item.locator(RC.read.attachmentOptions).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    frame.locator(RC.read.downloadMenuItem).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Fetches an attachment's bytes from inside the page, as a content script would (session cookie, same origin). */
export async function fetchAttachment(frame: Frame | Page, name: string): Promise<Buffer> {
  const link = (await attachmentLinks(frame)).find((l) => l.name === name);
  if (!link) throw new Error(`no attachment named ${name}`);
  const b64 = await frame.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, link.downloadUrl);
  return Buffer.from(b64, 'base64');
}

/**
 * Hands a raw RFC 5322 message to the webmail's Postfix over SMTP, as another mail system (a HISP) would
 * deliver it: for messages the Roundcube UI cannot write, such as a whole-message S/MIME mail.
 */
export async function sendRawMail(webmail: Webmail, from: string, to: string[], message: string | Buffer): Promise<void> {
  const raw = Buffer.isBuffer(message) ? message.toString('latin1') : message;
  // CRLF line ends, and dot-stuffing for lines that start with a dot.
  const data = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..').replace(/(\r\n)?$/, '\r\n');
  const socket = createConnection({ host: '127.0.0.1', port: webmail.ports.smtp });
  socket.setEncoding('latin1');
  let buffered = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    // A reply is complete on a line "NNN text" (not "NNN-text").
    for (let m = /^(\d{3}) .*\r\n/m.exec(buffered); m; m = /^(\d{3}) .*\r\n/m.exec(buffered)) {
      const end = m.index + m[0].length;
      const reply = buffered.slice(0, end);
      buffered = buffered.slice(end);
      waiters.shift()?.(reply);
    }
  });
  const failed = new Promise<never>((_, reject) => socket.on('error', reject));
  const reply = (expect: number, send?: string) =>
    Promise.race([
      failed,
      new Promise<string>((resolve, reject) => {
        waiters.push((r) => (r.startsWith(String(expect)) ? resolve(r) : reject(new Error(`SMTP: expected ${expect}, got ${r.trim()}`))));
        if (send !== undefined) socket.write(send, 'latin1');
      }),
    ]);
  try {
    await reply(220);
    await reply(250, 'EHLO test.local\r\n');
    await reply(250, `MAIL FROM:<${from}>\r\n`);
    for (const rcpt of to) await reply(250, `RCPT TO:<${rcpt}>\r\n`);
    await reply(354, 'DATA\r\n');
    await reply(250, `${data}.\r\n`);
    await reply(221, 'QUIT\r\n');
  } finally {
    socket.destroy();
  }
}
