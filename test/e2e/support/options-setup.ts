/** Setting up one side of a conversation the way a person does it, through the options page. */
import type { Identity, TestPki } from '../../interop/support/pki';
import type { LaunchedExtension } from './browser';
import { provision as setPassphrase } from './service';

/** The passphrase, then `me`'s .p12, the test community's root and `other`'s certificate as a contact, in Options. */
export async function provisionThroughOptions(ext: LaunchedExtension, me: Identity, other: Identity, pki: TestPki): Promise<void> {
  await setPassphrase(ext);
  const page = await ext.context.newPage();
  await page.goto(ext.url('options.html'));
  const identity = page.getByRole('region', { name: 'Your Direct identity' });
  await identity.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(me.p12);
  await identity.getByLabel('Passphrase of the file', { exact: true }).fill(pki.password);
  await identity.getByRole('button', { name: 'Import identity' }).click();
  await identity.getByRole('article', { name: me.address }).waitFor();
  const anchors = page.getByRole('region', { name: 'Trust anchors' });
  await anchors.getByLabel('Anchor files').setInputFiles(pki.anchorPem);
  await anchors.getByRole('button', { name: 'Import anchors' }).click();
  await anchors.getByText('DirectSeal Test Root').first().waitFor();
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByLabel('Certificate file').setInputFiles(other.chainPem);
  await contacts.getByRole('button', { name: 'Add certificate' }).click();
  await contacts.getByRole('article', { name: other.address }).getByText('Trusted chain').waitFor();
  await page.close();
}
