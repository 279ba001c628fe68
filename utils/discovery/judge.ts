/**
 * The judgement of a found certificate outside the extension (the CLI): a chain to one of the given trust
 * anchors when any are given, valid now, and allowed to receive encrypted mail. The extension judges with its
 * contacts' rule instead (utils/keyservice/contacts.ts), against the anchors the practice imported.
 */
import { checkEncryptionKeyUsage, validateCertificatePath } from '../pki';
import { parseCertificate } from '../pki/cert';
import type { Judge } from './discover';

export function anchorJudge(anchors: Uint8Array[], at: Date): Judge {
  return async (der, pool) => {
    if (anchors.length) {
      const path = await validateCertificatePath({ leaf: der, intermediates: pool, anchors, at });
      if (path.status !== 'trusted') return { usable: false, code: path.problems[0]!.code, detail: path.problems[0]!.detail };
    } else {
      const c = parseCertificate(der);
      if (at < c.notBefore || at > c.notAfter) return { usable: false, code: 'CERT_EXPIRED', detail: `valid ${c.notBefore.toISOString()} to ${c.notAfter.toISOString()}` };
    }
    if (!checkEncryptionKeyUsage(der)) return { usable: false, code: 'CERT_KEY_USAGE', detail: 'key usage does not allow key encipherment for e-mail' };
    return { usable: true };
  };
}
