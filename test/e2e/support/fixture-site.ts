/** A folder of fixture pages served on loopback, as a webmail or a hostile site would be, for the browser tests. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import type { TestPki } from '../../interop/support/pki';
import type { LaunchedExtension } from './browser';
import { provision, service } from './service';

export interface FixtureSite {
  /** `http://127.0.0.1:PORT/` */
  base: string;
  server: Server;
}

/** Serves the files of `dir` (HTML as text/html, anything else as a sealed attachment); 404 for the rest. */
export async function serveFolder(dir: string): Promise<FixtureSite> {
  const server = createServer((req, res) => {
    const path = join(dir, new URL(req.url ?? '/', 'http://x').pathname);
    readFile(path).then(
      (body) => res.writeHead(200, { 'content-type': extname(path) === '.html' ? 'text/html; charset=utf-8' : 'application/pkcs7-mime' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server };
}

const b64 = (path: string) => readFileSync(path).toString('base64');

/**
 * One browser profile holding the doctor's and the patient's identities, the test anchor, and each as the
 * other's contact: what the webmail-frame and hostile tests start from.
 */
export async function provisionDoctorAndPatient(ext: LaunchedExtension, pki: TestPki): Promise<void> {
  await provision(ext);
  await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
  await service(ext, 'identities.importP12', { p12: b64(pki.patient.p12), passphrase: pki.password });
  await service(ext, 'anchors.import', { bytes: b64(pki.anchorPem) });
  await service(ext, 'contacts.add', { certificate: b64(pki.patient.chainPem) });
  await service(ext, 'contacts.add', { certificate: b64(pki.doctor.chainPem) });
}

/**
 * The Gmail thread fixture (a sealed message above a reply box) with "Plain answer" typed into the reply, once
 * DirectSeal has placed its buttons: the state in which Send must ask first. Returns the reply box.
 */
export async function gmailPlainReply(page: Page, base: string): Promise<Locator> {
  await page.goto(`${base}gmail-thread.html`);
  const reply = page.locator('#reply');
  await page.locator('directseal-button[data-directseal="open"]').waitFor();
  await reply.locator('directseal-button[data-directseal="secure"]').waitFor();
  await reply.locator('[g_editable="true"]').click();
  await page.keyboard.type('Plain answer');
  return reply;
}
