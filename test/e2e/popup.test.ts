/**
 * The popup says how the keys are (issue 11, item 5): no passphrase yet, unlocked with "Lock now", locked;
 * and an identity whose certificate has expired is never called ready (issue 10, part 3).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, service } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const b64 = (path: string) => readFileSync(path).toString('base64');

describe('popup', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-popup-pki-')));
    ext = await launchExtension();
  });
  afterAll(async () => ext?.close());

  async function popup() {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 320, height: 420 });
    await page.goto(ext.url('popup.html'));
    await page.getByText('Running · v').waitFor();
    return page;
  }
  const keysState = async (page: Awaited<ReturnType<typeof popup>>) => page.locator('dt', { hasText: 'Keys' }).locator('xpath=following-sibling::dd').innerText();

  it('says no passphrase is set on a new install, and offers no Lock now', async () => {
    const page = await popup();
    await expect.poll(() => keysState(page)).toBe('No passphrase yet');
    expect(await page.getByRole('button', { name: 'Lock now' }).count()).toBe(0);
    await page.close();
  });

  it('shows the identity and "Unlocked" with Lock now, which locks', async () => {
    await provision(ext);
    await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    const page = await popup();
    await expect.poll(() => keysState(page)).toBe('Unlocked');
    // The identity comes from its own request, which may answer after the lock's.
    await expect.poll(() => page.getByText(pki.doctor.address).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'popup-unlocked.png'), fullPage: true });
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect.poll(() => keysState(page)).toBe('Locked');
    expect((await service(ext, 'lock.status')).unlocked).toBe(false);
    expect(await page.getByRole('button', { name: 'Lock now' }).count()).toBe(0);
    await page.close();
  });

  it('never calls an identity with an expired certificate ready', async () => {
    await service(ext, 'lock.unlock', { passphrase: 'e2e lock passphrase' });
    await service(ext, 'identities.delete', { id: (await service(ext, 'identities.list'))[0].id });
    await service(ext, 'identities.importP12', { p12: b64(pki.expired.p12), passphrase: pki.password });
    const page = await popup();
    await page.getByText('certificate expired').waitFor();
    expect(await page.getByText(`${pki.expired.address} (certificate expired: renew it)`).count()).toBe(1);
    await page.close();
  });
});
