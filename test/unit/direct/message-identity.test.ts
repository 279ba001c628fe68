/**
 * Sealing gives a message without them a Date and a unique Message-ID, the same inside (signed) and out
 * (routing headers), so delivery notifications can name it (issue 10, part 4; ETT MT 17, 45).
 */
import { describe, expect, it } from 'vitest';
import { seal } from '../../../utils/direct/seal';
import { open } from '../../../utils/direct/open';
import { withMessageIdentity } from '../../../utils/direct/message-identity';
import { header, splitEntity } from '../../../utils/mime/entity';
import { anchorDer, certDer, identityOf, testPki } from '../../support/pki-fixture';

const bare = (from: string, to: string) => new TextEncoder().encode(`From: ${from}\r\nTo: ${to}\r\nSubject: Hi\r\n\r\nBody.\r\n`);

describe('message identity', () => {
  it('adds what is missing in front, and leaves a message that has both byte for byte', () => {
    const out = withMessageIdentity(bare('dr@direct.clinic.test', 'pat@patient.test'), new Date('2026-11-30T10:00:00Z'));
    const e = splitEntity(out);
    expect(header(e, 'date')).toBe('Mon, 30 Nov 2026 10:00:00 +0000');
    expect(header(e, 'message-id')).toMatch(/^<[0-9a-f]{32}@direct\.clinic\.test>$/);
    expect(new TextDecoder().decode(out)).toMatch(/\r\nFrom: dr@direct\.clinic\.test\r\nTo: pat@patient\.test\r\nSubject: Hi\r\n\r\nBody\.\r\n$/);
    expect(withMessageIdentity(out)).toBe(out);
  });

  it('two seals of the same bare message carry different Message-IDs, the same inside and out', async () => {
    const pki = await testPki();
    const doctor = await identityOf(pki, pki.doctor);
    const patient = await identityOf(pki, pki.patient);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const sealed = await seal(bare(pki.doctor.address, pki.patient.address), doctor, [certDer(pki.patient)]);
      const outer = header(splitEntity(sealed), 'message-id')!;
      expect(header(splitEntity(sealed), 'date')).toBeTruthy();
      const opened = await open(sealed, [patient], [anchorDer(pki)]);
      expect(opened.verdict.status).toBe('verified');
      expect(header(splitEntity(opened.message), 'message-id')).toBe(outer);
      ids.push(outer);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});
