/**
 * Certificate path validation the Direct way: a path from the certificate to one of the user's trust anchors,
 * built from the certificates a message carries. An anchor may be a root, an intermediate, or the end-entity
 * certificate itself (Direct trust bundles hold all three). Checked at `at` (the signing time for a signature):
 * validity, issuer signatures, CA constraints, and revocation where a CRL is given.
 */
import { equalBytes } from '../bytes';
import { isDirectSealError, type ErrorCode } from '../errors';
import { parseCertificate, sameName, signedBy, type ParsedCert } from './cert';
import { BROKEN_SIGNATURE_ALGORITHMS, SIGNATURE_ALGORITHM_NAMES, WEAK_SIGNATURE_ALGORITHMS } from './oids';
import { keyProblem } from './key-policy';
import { crlSignedBy, readCrl, revocationDate, type CrlView } from './crl';
import { warning, type Warning } from './warnings';

export interface PathProblem {
  code: ErrorCode;
  detail: string;
}

export interface PathResult {
  status: 'trusted' | 'untrusted';
  /** Leaf first, ending with the anchor; only the leaf when no path was found. */
  chain: Uint8Array[];
  problems: PathProblem[];
  warnings: Warning[];
  /** What utils/pki/online-path.ts could not fetch (also among the warnings). */
  notFetched?: Warning[];
}

export interface PathRequest {
  leaf: Uint8Array;
  /** Candidate intermediates (a message's certificates; the leaf among them is ignored). */
  intermediates: Uint8Array[];
  anchors: Uint8Array[];
  at: Date;
  /** DER CRLs; a CRL is used only when its issuer's key verifies it. */
  crls?: Uint8Array[];
}

const MAX_PATH = 8;

export async function validateCertificatePath(request: PathRequest): Promise<PathResult> {
  const leaf = parseCertificate(request.leaf);
  const anchors = request.anchors.map(parseCertificate);
  const pool = request.intermediates.filter((d) => !equalBytes(d, request.leaf)).map(tryParse).filter((c) => c !== undefined);
  const path = await buildPath(leaf, pool, anchors);
  const problems: PathProblem[] = [];
  const warnings: Warning[] = [];
  if (!path) {
    problems.push(noPathProblem(leaf, pool));
    checkValidity([leaf], request.at, problems);
    checkKeys([leaf], problems);
    return { status: 'untrusted', chain: [request.leaf], problems, warnings };
  }
  checkValidity(path, request.at, problems);
  checkKeys(path, problems);
  checkCaConstraints(path, problems);
  checkAlgorithms(path, problems, warnings);
  await checkRevocation(path, request.crls ?? [], request.at, problems, warnings);
  return { status: problems.length ? 'untrusted' : 'trusted', chain: path.map((c) => c.der), problems, warnings };
}

/**
 * Why no path: a chain that ends in a root nobody trusts (a patient's self-made certificate: compare its
 * fingerprint), or one that stops at an issuer whose certificate is not at hand (a missing intermediate:
 * ask for the full chain before anyone compares fingerprints). Names are followed, not signatures: this only
 * chooses the words.
 */
function noPathProblem(leaf: ParsedCert, pool: ParsedCert[]): PathProblem {
  const chain = followIssuers(leaf, pool);
  if (chain.missingIssuerOf) return { code: 'ISSUER_MISSING', detail: chain.missingIssuerOf.issuer };
  return { code: 'SIGNER_UNTRUSTED', detail: `no path from "${leaf.subject}" to an imported trust anchor (it ends at "${chain.top.subject}")` };
}

/** Up the issuer names from `leaf` through `pool`: the certificate whose issuer is not at hand, if one is. */
function followIssuers(leaf: ParsedCert, pool: ParsedCert[]): { top: ParsedCert; missingIssuerOf?: ParsedCert } {
  let top = leaf;
  for (let i = 0; i < MAX_PATH && !sameName(top.issuerRaw, top.subjectRaw); i++) {
    const next = pool.find((c) => c !== top && sameName(top.issuerRaw, c.subjectRaw));
    if (!next) return { top, missingIssuerOf: top };
    top = next;
  }
  return { top };
}

/** The certificate of the request's chain whose issuer is neither given nor an anchor (where AIA can help). */
export function certificateMissingItsIssuer(request: Pick<PathRequest, 'leaf' | 'intermediates' | 'anchors'>): ParsedCert | undefined {
  const pool = [...request.intermediates, ...request.anchors].map(tryParse).filter((c) => c !== undefined);
  return followIssuers(parseCertificate(request.leaf), pool).missingIssuerOf;
}

function tryParse(der: Uint8Array): ParsedCert | undefined {
  try {
    return parseCertificate(der);
  } catch {
    return undefined;
  }
}

/**
 * Signature checks one path search may make. A real Direct path needs a handful; a message can carry any
 * number of certificates that all sign one another, and an exhaustive search of those never ends.
 */
const MAX_SIGNATURE_CHECKS = 64;

interface Search {
  /** Issuers from which no path to an anchor was found: never explored twice. */
  deadEnds: Set<ParsedCert>;
  checks: number;
}

/** Depth-first search from `cert` up to an anchor; the anchor itself ends the path. */
async function buildPath(
  cert: ParsedCert,
  pool: ParsedCert[],
  anchors: ParsedCert[],
  seen: ParsedCert[] = [],
  search: Search = { deadEnds: new Set(), checks: 0 },
): Promise<ParsedCert[] | null> {
  const path = [...seen, cert];
  if (anchors.some((a) => equalBytes(a.der, cert.der))) return path;
  if (path.length > MAX_PATH) return null;
  const issuedBy = async (issuer: ParsedCert) => {
    if (!sameName(cert.issuerRaw, issuer.subjectRaw) || search.checks >= MAX_SIGNATURE_CHECKS) return false;
    search.checks++;
    return signedBy(cert, issuer);
  };
  for (const anchor of anchors) {
    if (await issuedBy(anchor)) return [...path, anchor];
  }
  for (const issuer of pool) {
    if (search.deadEnds.has(issuer) || path.some((p) => equalBytes(p.der, issuer.der))) continue;
    if (!(await issuedBy(issuer))) continue;
    const found = await buildPath(issuer, pool, anchors, path, search);
    if (found) return found;
    search.deadEnds.add(issuer);
  }
  return null;
}

/**
 * Every key on the path must be fit (./key-policy.ts). A leaf key anyone can sign with (RSA exponent 1) makes its
 * signature worthless, so that is also SIGNATURE_INVALID: "verified" must never be shown for it.
 */
function checkKeys(path: ParsedCert[], problems: PathProblem[]): void {
  path.forEach((c, i) => {
    const problem = keyProblem(c);
    if (!problem) return;
    problems.push({ code: 'CERT_WEAK_KEY', detail: problem.detail });
    if (i === 0 && problem.forgeable) problems.push({ code: 'SIGNATURE_INVALID', detail: `anyone can make a signature that verifies under the key of "${c.subject}"` });
  });
}

function checkValidity(path: ParsedCert[], at: Date, problems: PathProblem[]): void {
  for (const c of path) {
    if (at < c.notBefore || at > c.notAfter) {
      const when = at < c.notBefore ? `not valid before ${c.notBefore.toISOString()}` : `expired ${c.notAfter.toISOString()}`;
      problems.push({ code: 'CERT_EXPIRED', detail: `"${c.subject}" ${when} (checked at ${at.toISOString()})` });
    }
  }
}

/** Every issuer below the anchor must be a CA allowed to sign certificates, within its path length. */
function checkCaConstraints(path: ParsedCert[], problems: PathProblem[]): void {
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    const isAnchor = i === path.length - 1;
    if (!c.basicConstraints?.ca && !(isAnchor && c.subject === c.issuer)) {
      problems.push({ code: 'SIGNER_UNTRUSTED', detail: `"${c.subject}" issued a certificate but is not a CA` });
    }
    if (c.keyUsage && !c.keyUsage.has('keyCertSign')) {
      problems.push({ code: 'CERT_KEY_USAGE', detail: `"${c.subject}" may not sign certificates` });
    }
    const pathLen = c.basicConstraints?.pathLen;
    const below = i - 1; // CA certificates between this one and the leaf
    if (pathLen !== undefined && below > pathLen) {
      problems.push({ code: 'SIGNER_UNTRUSTED', detail: `"${c.subject}" allows ${pathLen} CA certificates below it` });
    }
  }
}

function checkAlgorithms(path: ParsedCert[], problems: PathProblem[], warnings: Warning[]): void {
  // The anchor's own self-signature is not part of the trust decision.
  for (const c of path.slice(0, -1)) {
    const name = SIGNATURE_ALGORITHM_NAMES[c.signatureAlgorithm] ?? c.signatureAlgorithm;
    if (BROKEN_SIGNATURE_ALGORITHMS.has(c.signatureAlgorithm)) {
      problems.push({ code: 'ALGORITHM_UNSUPPORTED', detail: `"${c.subject}" is signed with ${name}` });
    } else if (WEAK_SIGNATURE_ALGORITHMS.has(c.signatureAlgorithm)) {
      warnings.push(warning('WEAK_ALGORITHM', { subject: c.subject, algorithm: name }));
    }
  }
}

async function checkRevocation(path: ParsedCert[], crls: Uint8Array[], at: Date, problems: PathProblem[], warnings: Warning[]): Promise<void> {
  if (crls.length === 0) return;
  const lists: CrlView[] = [];
  for (const der of crls) {
    try {
      lists.push(readCrl(der));
    } catch (e) {
      // A CRL given but unreadable leaves revocation unknown: say so, rather than failing the whole message.
      problems.push({ code: 'CRL_UNREADABLE', detail: isDirectSealError(e) ? (e.detail ?? e.message) : String(e) });
    }
  }
  for (let i = 0; i + 1 < path.length; i++) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    for (const crl of lists) {
      if (!sameName(crl.issuerRaw, issuer.subjectRaw)) continue;
      if (!(await crlSignedBy(crl, issuer))) {
        warnings.push(warning('CRL_BAD_SIGNATURE', { issuer: issuer.subject }));
        continue;
      }
      const revoked = revocationDate(crl, cert.serial);
      if (revoked) {
        problems.push({ code: 'CERT_REVOKED', detail: `"${cert.subject}" revoked ${revoked.toISOString()}` });
      } else if (crl.nextUpdate && crl.nextUpdate < at) {
        warnings.push(warning('CRL_OUT_OF_DATE', { issuer: issuer.subject, at: at.toISOString() }));
      }
    }
  }
}
