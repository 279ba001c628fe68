/** One place to get every peer the harness knows, each with its own work dir. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createBouncyCastlePeer } from './bouncycastle.js';
import { createGpgsmPeer } from './gpgsm.js';
import { createNssPeer } from './nss.js';
import { createOpensslPeer } from './openssl.js';
import type { Peer } from './peer.js';

export * from './peer.js';
export { makeTestPki, P12_PASSWORD, type Identity, type TestPki } from './pki.js';
export { createOpensslPeer } from './openssl.js';
export { createNssPeer } from './nss.js';
export { createGpgsmPeer } from './gpgsm.js';
export { createBouncyCastlePeer } from './bouncycastle.js';

/** openssl, nss, gpgsm and bouncycastle, in that order. Call close() on each when done (gpgsm leaves agents otherwise). */
export async function createPeers(workDir: string): Promise<Peer[]> {
  const dirs = ['openssl', 'nss', 'gpgsm', 'bouncycastle'].map((n) => join(workDir, n));
  await Promise.all(dirs.map((d) => mkdir(d, { recursive: true })));
  return Promise.all([
    createOpensslPeer(dirs[0]!), createNssPeer(dirs[1]!), createGpgsmPeer(dirs[2]!), createBouncyCastlePeer(dirs[3]!),
  ]);
}
