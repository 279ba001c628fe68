/**
 * A few IMAP commands over a plain loopback connection, to look at a mailbox as the mail server holds it
 * (roundcube.test.ts: what is left in Drafts). Not a client: enough for LOGIN, SELECT and a UID FETCH.
 */
import { createConnection } from 'node:net';

/** Every message of `mailbox`, raw (headers and body), as the server stores them. */
export async function mailboxMessages(port: number, user: string, password: string, mailbox: string): Promise<string[]> {
  const socket = createConnection({ host: '127.0.0.1', port });
  socket.setEncoding('latin1');
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    waiting?.();
  });
  const until = (done: (text: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`IMAP: no answer; got ${buffer.slice(-300)}`)), 15_000);
      const check = () => {
        if (!done(buffer)) return;
        clearTimeout(timer);
        waiting = undefined;
        const text = buffer;
        buffer = '';
        resolve(text);
      };
      waiting = check;
      check();
    });
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  let n = 0;
  const command = async (line: string) => {
    const tag = `t${++n}`;
    socket.write(`${tag} ${line}\r\n`);
    const text = await until((t) => new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)`).test(t));
    if (!new RegExp(`(^|\\r\\n)${tag} OK`).test(text)) throw new Error(`IMAP ${line.split(' ')[0]} failed: ${text.slice(-300)}`);
    return text;
  };
  try {
    await until((t) => t.includes('\r\n'));
    await command(`LOGIN ${quote(user)} ${quote(password)}`);
    await command(`SELECT ${quote(mailbox)}`);
    const fetched = await command('UID FETCH 1:* (BODY.PEEK[])');
    await command('LOGOUT').catch(() => undefined);
    // Each message is a literal: "* N FETCH (UID U BODY[] {SIZE}\r\n" then SIZE bytes.
    const messages: string[] = [];
    const literal = /\{(\d+)\}\r\n/g;
    for (let m = literal.exec(fetched); m; m = literal.exec(fetched)) {
      const start = m.index + m[0].length;
      messages.push(fetched.slice(start, start + Number(m[1])));
      literal.lastIndex = start + Number(m[1]);
    }
    return messages;
  } finally {
    socket.destroy();
  }
}
