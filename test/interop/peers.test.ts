/**
 * Interop in both directions against four independent S/MIME implementations (OpenSSL `openssl cms`,
 * NSS `cmsutil`, GnuPG `gpgsm`, BouncyCastle's bcmail/bcpkix in Java), with a PKI made fresh by openssl for this run.
 *
 *  - ours → peer: DirectSeal seals as the doctor for the patient; the peer decrypts with the patient's key and
 *    verifies against the anchor; the entity it recovers must be byte for byte what we signed.
 *  - peer → ours: the peer signs (as the doctor) then encrypts for the patient; DirectSeal opens it with the
 *    patient's identity and the anchor: 'verified', signer the doctor, the message intact, and the algorithms
 *    in the envelope the ones asked for (a peer that silently picks another cipher is caught here).
 *  - refusals through the peers: a signer under a stranger root is 'untrusted' (SIGNER_UNTRUSTED); a message
 *    for somebody else fails with NO_MATCHING_RECIPIENT.
 *
 * A combination a peer cannot do is not skipped: its cell still runs and proves the peer refuses it (or, when
 * sealing, produces something else than asked); if the peer ever succeeds, the cell fails so that
 * peer.supports() gets corrected. The matrix is printed after the run and written to
 * artifacts/interop-matrix.txt.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { seal } from '../../utils/direct/seal';
import { open } from '../../utils/direct/open';
import { readPkcs12 } from '../../utils/pki';
import { localPrivateKey, type Recipient, type Signer } from '../../utils/cms/keys';
import { isDirectSealError } from '../../utils/errors';
import type { KeyTransport } from '../../utils/cms/key-transport';
import { createPeers, makeTestPki, CIPHERS, SIGNED_FORMS, type Cipher, type Identity, type Peer, type PeerName, type SignedForm, type TestPki } from './support/index.js';

const PEERS: readonly PeerName[] = ['openssl', 'nss', 'gpgsm', 'bouncycastle'];
const TRANSPORTS = [false, true] as const; // oaep?
/**
 * Peers run several tools at once, but each one a few at a time: gpgsm's keybox and NSS's sqlite db are shared;
 * BouncyCastle starts a JVM per call, and more than two at once only queue on the machine's cores.
 */
const PER_PEER_CONCURRENCY: Record<PeerName, number> = { openssl: 4, nss: 2, gpgsm: 1, bouncycastle: 2 };

type Direction = 'ours → peer' | 'peer → ours';
interface Combo {
  peer: PeerName;
  cipher: Cipher;
  oaep: boolean;
  form: SignedForm;
}

const COMBOS: Combo[] = PEERS.flatMap((peer) =>
  CIPHERS.flatMap((cipher) => TRANSPORTS.flatMap((oaep) => SIGNED_FORMS.map((form) => ({ peer, cipher, oaep, form })))),
);
const ktName = (oaep: boolean) => (oaep ? 'RSA-OAEP' : 'PKCS#1 v1.5');
const ktCore = (oaep: boolean): KeyTransport => (oaep ? 'rsa-oaep' : 'rsa-pkcs1');
const label = (c: Combo) => `${c.peer} ${c.cipher} ${ktName(c.oaep)} ${c.form}`;

// ---------------------------------------------------------------------------------------------------------------
// Matrix bookkeeping. A cell never reached (a failed beforeAll, say) prints as FAIL, never as ok.

const results = new Map<string, string>();
const cellKey = (d: Direction, c: Combo) => `${d}|${c.peer}|${c.cipher}|${c.oaep}|${c.form}`;
/** Refusals and single-case checks, keyed by a title; OTHER_CELLS fixes the order (and the count) printed. */
const refusalResults = new Map<string, string>();
const OTHER_CELLS: string[] = [
  ...PEERS.flatMap((p) => [
    `${p}: unwrapped (body entity signed, From outside)`,
    `${p}: untrusted signer (peer seals as eve)`,
    `${p}: other recipient`,
    `${p}: does not verify our eve-signed message`,
  ]),
  'openssl: RSA-OAEP with SHA-1/MGF1-SHA-1 (Java RI default)',
  'openssl: organization certificate (dNSName)',
  'openssl: revoked signer (CRL)',
  'openssl: expired signer',
  'openssl: signer is not the From',
];
/** What the peer actually did in an n/a cell, first one per reason: the evidence behind the n/a. */
const naEvidence = new Map<string, string>();

async function recorded<T>(map: Map<string, string>, key: string, body: () => Promise<T>, success: (v: T) => string): Promise<void> {
  try {
    const v = await body();
    map.set(key, success(v));
  } catch (e) {
    map.set(key, 'FAIL');
    throw e;
  }
}

function renderMatrix(): string {
  const lines: string[] = [];
  const notes = new Map<string, number>();
  const cell = (s: string | undefined) => {
    if (!s) return 'FAIL';
    const m = /^n\/a \((.*)\)$/.exec(s);
    if (!m) return s;
    if (!notes.has(m[1]!)) notes.set(m[1]!, notes.size + 1);
    return `n/a[${notes.get(m[1]!)}]`;
  };
  const header = ['peer', 'direction', 'cipher', 'key transport', ...SIGNED_FORMS];
  const rows: string[][] = [];
  for (const peer of PEERS) {
    for (const d of ['ours → peer', 'peer → ours'] as Direction[]) {
      for (const cipher of CIPHERS) {
        for (const oaep of TRANSPORTS) {
          rows.push([peer, d, cipher, ktName(oaep), ...SIGNED_FORMS.map((form) => cell(results.get(cellKey(d, { peer, cipher, oaep, form }))))]);
        }
      }
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  lines.push('DirectSeal interop matrix (peer × algorithm × direction)', '', fmt(header), fmt(widths.map((w) => '-'.repeat(w))));
  let prev = '';
  for (const r of rows) {
    const group = `${r[0]}|${r[1]}`;
    if (prev && group !== prev) lines.push('');
    prev = group;
    lines.push(fmt(r));
  }
  lines.push('', 'Refusals and other single cases through the peers:');
  const w = Math.max(...OTHER_CELLS.map((t) => t.length));
  for (const t of OTHER_CELLS) lines.push(`  ${t.padEnd(w)}  ${refusalResults.get(t) ?? 'FAIL'}`);
  if (notes.size) {
    lines.push('', 'n/a: the peer cannot do it (each n/a cell was tried and the peer refused or produced something else):');
    for (const [text, n] of notes) {
      lines.push(`  [${n}] ${text}`);
      const ev = naEvidence.get(text);
      if (ev) lines.push(`      observed: ${ev}`);
    }
  }
  const all = [...results.values(), ...OTHER_CELLS.map((t) => refusalResults.get(t) ?? 'FAIL')];
  const ok = all.filter((v) => v.startsWith('ok')).length;
  const na = all.filter((v) => v.startsWith('n/a')).length;
  const expected = COMBOS.length * 2 + OTHER_CELLS.length;
  lines.push('', `${ok} ok, ${na} n/a, ${expected - ok - na} FAIL (of ${expected})`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

const enc = new TextEncoder();
const toCrlf = (b: Uint8Array) => Buffer.from(Buffer.from(b).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
/** What DirectSeal signs (utils/direct/wrap.ts), written out here independently: header protection. */
const wrapped = (message: Uint8Array) => Buffer.concat([Buffer.from('Content-Type: message/rfc822\r\n\r\n'), toCrlf(message)]);

function directMessage(from: Identity, to: Identity, tag: string): Uint8Array {
  const attachment = Buffer.alloc(3000);
  for (let i = 0; i < attachment.length; i++) attachment[i] = (i * 31 + tag.length) & 0xff;
  const b64 = (attachment.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
  return enc.encode(
    [
      `From: ${from.address}`,
      `To: ${to.address}`,
      `Subject: Lab results (${tag})`,
      `Date: Tue, 24 Nov 2026 09:30:00 +0000`,
      `Message-ID: <${tag.replace(/[^a-z0-9]+/gi, '.')}.${Date.now()}@doctor.test>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1_interop"',
      '',
      '--b1_interop',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `Dear Pat, your results (${tag}) are normal. Gr=C3=BC=C3=9Fe, Dr. House`,
      'From the lab: hemoglobin 14.1 g/dL.',
      '',
      '--b1_interop',
      'Content-Type: application/pdf; name="results.pdf"',
      'Content-Disposition: attachment; filename="results.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--b1_interop--',
      '',
    ].join('\r\n'),
  );
}

// ---------------------------------------------------------------------------------------------------------------

let work: string;
let pki: TestPki;
let peers = new Map<PeerName, Peer>();
let anchor: Uint8Array;
let crl: Uint8Array;
let doctor: Signer & Recipient;
let patient: Signer & Recipient;
const started = Date.now();

async function identity(id: Identity): Promise<Signer & Recipient> {
  const p12 = await readPkcs12(await readFile(id.p12), pki.password);
  return { certificate: p12.certificate, chain: p12.chain, key: localPrivateKey(p12.privateKeyPkcs8) };
}

/** A tiny semaphore per peer (see PER_PEER_CONCURRENCY). */
function limited(peer: Peer, n: number): Peer {
  let active = 0;
  const queue: (() => void)[] = [];
  const acquire = () => new Promise<void>((res) => (active < n ? (active++, res()) : queue.push(() => (active++, res()))));
  const release = () => {
    active--;
    queue.shift()?.();
  };
  const wrap = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    await acquire();
    try {
      return await f(...a);
    } finally {
      release();
    }
  };
  return {
    name: peer.name,
    sealOutput: peer.sealOutput,
    supports: (c) => peer.supports(c),
    seal: wrap((o) => peer.seal(o)),
    open: wrap((o) => peer.open(o)),
    close: () => peer.close(),
  };
}

function peer(name: PeerName): Peer {
  const p = peers.get(name);
  if (!p) throw new Error(`peer ${name} was not set up (see beforeAll)`);
  return p;
}

/** A tool's complaint without the command line the harness put in front of it (temp paths). */
function errorText(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
  const m = /^\S+ .*? exited (\d+): (.*)$/.exec(text);
  const t = (m ? `exit ${m[1]}: ${m[2]}` : text).replace(/\/tmp\/\S+/g, '…');
  // Keep the start (what failed) and the end (the tool's final word).
  return t.length > 480 ? `${t.slice(0, 260)} … ${t.slice(-200)}` : t;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ds-interop-'));
  pki = await makeTestPki(join(work, 'pki'));
  const made = await createPeers(join(work, 'peers'));
  peers = new Map(made.map((p) => [p.name, limited(p, PER_PEER_CONCURRENCY[p.name])]));
  anchor = new Uint8Array(await readFile(pki.anchorDer));
  crl = new Uint8Array(await readFile(pki.crlDer));
  [doctor, patient] = await Promise.all([identity(pki.doctor), identity(pki.patient)]);
});

afterAll(async () => {
  const matrix = `${renderMatrix()}\n\ninterop run took ${((Date.now() - started) / 1000).toFixed(1)} s\n`;
  console.log(`\n${matrix}`);
  const artifacts = fileURLToPath(new URL('../../artifacts/', import.meta.url));
  await mkdir(artifacts, { recursive: true });
  await writeFile(join(artifacts, 'interop-matrix.txt'), matrix);
  await Promise.all([...peers.values()].map((p) => p.close()));
  if (work && !process.env.DS_KEEP_INTEROP_DIR) await rm(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------

describe.concurrent('ours → peer: DirectSeal seals, the peer decrypts and verifies', () => {
  it.for(COMBOS.map((c) => ({ ...c, name: label(c) })))('$name', async (c, { expect }) => {
    await recorded(results, cellKey('ours → peer', c), async () => {
      const p = peer(c.peer);
      const message = directMessage(pki.doctor, pki.patient, `ours-${label(c)}`);
      const sealed = await seal(message, doctor, [patient.certificate], { cipher: c.cipher, keyTransport: ktCore(c.oaep), opaque: c.form === 'opaque' });
      const openArgs = { recipient: pki.patient, anchorPem: pki.anchorPem, sealed };

      if (!p.supports({ direction: 'open', cipher: c.cipher, oaep: c.oaep, signedForm: c.form })) {
        // Prove the limitation: the peer must fail on our message, AND on openssl's message of the same kind;
        // if it opens openssl's but not ours, the fault is ours and the cell fails.
        const tryOpen = (sealedBy: Uint8Array, expected: Uint8Array) =>
          p.open({ ...openArgs, sealed: sealedBy }).then(
            (r) => (r.verified && toCrlf(r.inner).equals(expected) ? 'opened' : `not verified: ${r.detail.slice(0, 300)}`),
            (e: unknown) => `refused: ${errorText(e)}`,
          );
        const outcome = await tryOpen(sealed, wrapped(message));
        expect(outcome, `${c.peer} opened a ${c.cipher} / ${ktName(c.oaep)} message: fix its supports()`).not.toBe('opened');
        const reference = wrapped(directMessage(pki.doctor, pki.patient, `openssl-ref-${label(c)}`));
        const byOpenssl = await peer('openssl').seal({
          signer: pki.doctor, recipients: [pki.patient], cipher: c.cipher, oaep: c.oaep, signedForm: c.form, inner: reference,
        });
        const refOutcome = await tryOpen(byOpenssl, reference);
        expect(refOutcome, `${c.peer} opens openssl's ${c.cipher} / ${ktName(c.oaep)} message but not DirectSeal's (${outcome})`).not.toBe('opened');
        if (!naEvidence.has(naReason(c.peer, 'open', c))) naEvidence.set(naReason(c.peer, 'open', c), `${label(c)}: ${outcome}`);
        return { na: true };
      }

      const r = await p.open(openArgs);
      expect(r.signedForm).toBe(c.form);
      expect(toCrlf(r.inner).toString('latin1'), 'the entity the peer recovered differs from what we signed').toBe(
        wrapped(message).toString('latin1'),
      );
      expect(r.verified, `${c.peer} did not verify: ${r.detail}`).toBe(true);
      return { na: false };
    }, (v) => (v.na ? `n/a (${naReason(c.peer, 'open', c)})` : 'ok'));
  });
});

describe.concurrent('peer → ours: the peer signs and encrypts, DirectSeal opens', () => {
  it.for(COMBOS.map((c) => ({ ...c, name: label(c) })))('$name', async (c, { expect }) => {
    await recorded(results, cellKey('peer → ours', c), async () => {
      const p = peer(c.peer);
      const message = directMessage(pki.doctor, pki.patient, `peer-${label(c)}`);
      const sealArgs = { signer: pki.doctor, recipients: [pki.patient], cipher: c.cipher, oaep: c.oaep, signedForm: c.form, inner: wrapped(message) };
      const wanted = { contentEncryption: c.cipher, keyTransport: c.oaep ? 'RSA-OAEP (SHA-256)' : 'RSAES-PKCS1-v1_5' };

      if (!p.supports({ direction: 'seal', cipher: c.cipher, oaep: c.oaep, signedForm: c.form, signer: pki.doctor })) {
        // Prove the limitation: the peer refuses, or what it makes is not what was asked.
        let outcome: string;
        try {
          const sealed = await p.seal(sealArgs);
          const opened = await open(sealed, [patient], [anchor], { crls: [crl] });
          const got = { contentEncryption: opened.verdict.algorithms.contentEncryption, keyTransport: opened.verdict.algorithms.keyTransport };
          outcome = got.contentEncryption === wanted.contentEncryption && got.keyTransport === wanted.keyTransport
            ? 'did it'
            : `made ${got.contentEncryption} / ${got.keyTransport} instead`;
        } catch (e) {
          outcome = `refused: ${errorText(e)}`;
        }
        expect(outcome, `${c.peer} sealed ${c.cipher} / ${ktName(c.oaep)} as asked: fix its supports()`).not.toBe('did it');
        if (!naEvidence.has(naReason(c.peer, 'seal', c))) naEvidence.set(naReason(c.peer, 'seal', c), `${label(c)}: ${outcome}`);
        return { na: true };
      }

      const sealed = await p.seal(sealArgs);
      const opened = await open(sealed, [patient], [anchor], { crls: [crl] });
      const v = opened.verdict;
      expect({ status: v.status, reasons: v.reasons.map((r) => `${r.code}: ${r.detail ?? ''}`) }).toEqual({ status: 'verified', reasons: [] });
      expect(v.signerAddress).toBe(pki.doctor.address);
      expect(v.wrapped).toBe(true);
      expect({ contentEncryption: v.algorithms.contentEncryption, keyTransport: v.algorithms.keyTransport }).toEqual(wanted);
      expect(Buffer.from(opened.message).toString('latin1')).toBe(Buffer.from(message).toString('latin1'));
      return { na: false };
    }, (v) => (v.na ? `n/a (${naReason(c.peer, 'seal', c)})` : 'ok'));
  });
});

describe.concurrent('refusals and single cases through the peers', () => {
  /** Opens with the patient's identity, our anchor and the intermediate's CRL, as every cell here does. */
  const openAsPatient = (sealed: Uint8Array) => open(sealed, [patient], [anchor], { crls: [crl] });
  const codes = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code);
  const cell = (title: string, body: (expect: ExpectStatic) => Promise<string>) =>
    it(title, async ({ expect }) => recorded(refusalResults, title, () => body(expect), (v) => v));

  for (const name of PEERS) {
    // What a plain S/MIME client sends: no header protection, the signed entity is the body and the From is
    // only in the outer headers. The Applicability Statement wants both forms accepted.
    cell(`${name}: unwrapped (body entity signed, From outside)`, async (expect) => {
      const body = enc.encode(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nResults (${name}) are normal.\r\n`);
      const sealed = await peer(name).seal({
        signer: pki.doctor, recipients: [pki.patient], cipher: 'aes-128-cbc', oaep: false, signedForm: 'detached', inner: body,
      });
      const { message, verdict } = await openAsPatient(sealed);
      expect({ status: verdict.status, reasons: codes(verdict) }).toEqual({ status: 'verified', reasons: [] });
      expect(verdict.wrapped).toBe(false);
      expect(verdict.signerAddress).toBe(pki.doctor.address);
      expect(Buffer.from(message).toString('latin1')).toBe(Buffer.from(body).toString('latin1'));
      return 'ok (verified, not wrapped)';
    });

    cell(`${name}: untrusted signer (peer seals as eve)`, async (expect) => {
      const message = directMessage(pki.eve, pki.patient, `eve-${name}`);
      const sealed = await peer(name).seal({
        signer: pki.eve, recipients: [pki.patient], cipher: 'aes-128-cbc', oaep: false, signedForm: 'detached', inner: wrapped(message),
      });
      const { verdict } = await openAsPatient(sealed);
      expect(verdict.status).toBe('untrusted');
      // A peer that sends eve's chain gets SIGNER_UNTRUSTED (a root nobody trusts); one that sends only her
      // certificate, ISSUER_MISSING (her issuer is not at hand). Either way: untrusted, never invalid.
      const why = codes(verdict).find((c) => c === 'SIGNER_UNTRUSTED' || c === 'ISSUER_MISSING');
      expect(why).toBeDefined();
      expect(codes(verdict)).not.toContain('SIGNATURE_INVALID');
      return `ok (untrusted, ${why})`;
    });

    cell(`${name}: other recipient`, async (expect) => {
      const message = directMessage(pki.doctor, pki.org, `other-${name}`);
      const sealed = await peer(name).seal({
        signer: pki.doctor, recipients: [pki.org], cipher: 'aes-128-cbc', oaep: false, signedForm: 'detached', inner: wrapped(message),
      });
      const err = await openAsPatient(sealed).then(
        (o) => new Error(`opened (${o.verdict.status}) a message not addressed to us`),
        (e: unknown) => e,
      );
      expect(isDirectSealError(err, 'NO_MATCHING_RECIPIENT'), errorText(err)).toBe(true);
      return 'ok (NO_MATCHING_RECIPIENT)';
    });

    // The negative control of the 'ours → peer' column: the harness's verified=true must mean something.
    cell(`${name}: does not verify our eve-signed message`, async (expect) => {
      const eve = await identity(pki.eve);
      const message = directMessage(pki.eve, pki.patient, `eve-ours-${name}`);
      const sealed = await seal(message, eve, [patient.certificate], { cipher: 'aes-128-cbc' });
      const r = await peer(name).open({ recipient: pki.patient, anchorPem: pki.anchorPem, sealed });
      expect(toCrlf(r.inner).toString('latin1')).toBe(wrapped(message).toString('latin1'));
      expect(r.verified, `${name} verified a signer outside its only anchor: ${r.detail}`).toBe(false);
      return 'ok (decrypted, not verified)';
    });
  }

  const fromOpenssl = async (signer: Identity, from: Identity, extra: { oaep?: boolean; oaepHash?: 'sha1' | 'sha256' } = {}) => {
    const message = directMessage(from, pki.patient, `extra-${signer.name}-${from.name}-${extra.oaepHash ?? ''}`);
    const sealed = await peer('openssl').seal({
      signer, recipients: [pki.patient], cipher: 'aes-128-cbc', oaep: extra.oaep ?? false, oaepHash: extra.oaepHash, signedForm: 'detached',
      inner: wrapped(message),
    });
    return { message, opened: await openAsPatient(sealed) };
  };

  cell('openssl: RSA-OAEP with SHA-1/MGF1-SHA-1 (Java RI default)', async (expect) => {
    const { message, opened } = await fromOpenssl(pki.doctor, pki.doctor, { oaep: true, oaepHash: 'sha1' });
    expect({ status: opened.verdict.status, reasons: codes(opened.verdict) }).toEqual({ status: 'verified', reasons: [] });
    expect(opened.verdict.algorithms.keyTransport).toBe('RSA-OAEP (SHA-1)');
    expect(Buffer.from(opened.message).equals(Buffer.from(message))).toBe(true);
    return 'ok (verified)';
  });

  cell('openssl: organization certificate (dNSName)', async (expect) => {
    const { opened } = await fromOpenssl(pki.org, pki.org);
    expect({ status: opened.verdict.status, reasons: codes(opened.verdict) }).toEqual({ status: 'verified', reasons: [] });
    expect(opened.verdict.binding).toBe('domain');
    expect(opened.verdict.signerAddress).toBe(pki.org.address);
    return 'ok (verified, domain binding)';
  });

  cell('openssl: revoked signer (CRL)', async (expect) => {
    const { opened } = await fromOpenssl(pki.revoked, pki.revoked);
    expect(opened.verdict.status).toBe('invalid');
    expect(codes(opened.verdict)).toContain('CERT_REVOKED');
    return 'ok (invalid, CERT_REVOKED)';
  });

  cell('openssl: expired signer', async (expect) => {
    const { opened } = await fromOpenssl(pki.expired, pki.expired);
    expect(opened.verdict.status).not.toBe('verified');
    expect(codes(opened.verdict)).toContain('CERT_EXPIRED');
    return `ok (${opened.verdict.status}, CERT_EXPIRED)`;
  });

  cell('openssl: signer is not the From', async (expect) => {
    // The doctor signs a message whose From is the clinic's address.
    const { opened } = await fromOpenssl(pki.doctor, pki.org);
    expect(opened.verdict.status).toBe('invalid');
    expect(codes(opened.verdict)).toContain('SIGNER_ADDRESS_MISMATCH');
    return 'ok (invalid, SIGNER_ADDRESS_MISMATCH)';
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** The one-line reason a peer cannot do a cell, as observed with these tool versions (see the peer's file). */
function naReason(name: PeerName, direction: 'seal' | 'open', c: Combo): string {
  if (name === 'nss') {
    if (direction === 'seal') {
      if (c.oaep) return 'cmsutil -E has no key-transport option: always RSAES-PKCS1-v1_5';
      return 'cmsutil -E has no cipher option: NSS picks the bulk cipher itself';
    }
    if (c.cipher === 'aes-256-gcm') return 'NSS 3.87 cmsutil cannot decode AuthEnvelopedData';
    return 'NSS 3.87 cmsutil cannot decrypt RSA-OAEP key transport';
  }
  if (name === 'gpgsm') {
    if (direction === 'seal') {
      if (c.cipher === 'aes-256-gcm') {
        return 'gpgsm 2.2 makes no AuthEnvelopedData: given the GCM OID it writes EnvelopedData with a CBC-style IV and no tag (openssl refuses it too)';
      }
      return 'gpgsm 2.2 has no RSA-OAEP key transport when encrypting';
    }
    if (c.cipher === 'aes-256-gcm') return 'gpgsm 2.2 cannot decrypt AuthEnvelopedData';
    return 'gpgsm 2.2 cannot decrypt RSA-OAEP key transport';
  }
  return 'openssl cannot';
}
