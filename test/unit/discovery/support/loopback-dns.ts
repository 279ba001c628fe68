/**
 * A real DNS server (BIND) and DNS-over-HTTPS front end (dnsdist) on loopback, serving zones the test writes
 * from its certificates: scripts/dns/start.sh in a private temporary folder. Also a plain HTTP server for
 * IPKIX URLs. Shared by the discovery unit tests and test/e2e/discovery.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface CertRecordSpec {
  /** Relative to the zone's origin ('@' for the origin itself), e.g. 'dr.house' in doctor.test. */
  name: string;
  /** PGP only to show that other types are ignored. */
  type: 'PKIX' | 'IPKIX' | 'PGP';
  /** PKIX: the certificate's DER; IPKIX: the URL. */
  data: Uint8Array | string;
  ttl?: number;
}

/** A zone file with an SOA, an NS and the CERT records (RFC 4398 presentation: type, key tag 0, algorithm 0, base64). */
export function zoneFile(origin: string, records: CertRecordSpec[], ttl = 60): string {
  const lines = [`$ORIGIN ${origin}.`, `$TTL ${ttl}`, '@ IN SOA ns hostmaster 1 3600 600 86400 60', '@ IN NS ns', 'ns IN A 127.0.0.1'];
  for (const r of records) {
    const bytes = typeof r.data === 'string' ? Buffer.from(r.data, 'utf8') : Buffer.from(r.data);
    lines.push(`${r.name} ${r.ttl ?? ''} IN CERT ${r.type} 0 0 ${bytes.toString('base64')}`);
  }
  return lines.join('\n') + '\n';
}

export interface LoopbackDns {
  /** HOST:PORT of BIND (UDP and TCP). */
  dns: string;
  /** The DNS-over-HTTPS URL (dnsdist, plain HTTP on 127.0.0.1). */
  doh: string;
  stop(): void;
}

/** Starts both servers on free ports with `zones` (origin -> zone file text); ~1 s. */
export function startLoopbackDns(zones: Record<string, string>): LoopbackDns {
  // Installed by `npm test` (scripts/dns/install.sh); a test does not run apt itself.
  for (const tool of ['/usr/sbin/named', '/usr/bin/dnsdist', '/usr/bin/dig']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run \`bash scripts/dns/install.sh\` (npm test does) to install BIND, dnsdist and dig`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ds-dns-'));
  for (const [origin, text] of Object.entries(zones)) writeFileSync(join(dir, `${origin}.zone`), text);
  execFileSync('bash', [join(ROOT, 'scripts/dns/start.sh'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const env = Object.fromEntries(readFileSync(join(dir, 'env'), 'utf8').trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
  return { dns: env.DNS!, doh: env.DOH!, stop: () => {
      execFileSync('bash', [join(ROOT, 'scripts/dns/stop.sh'), dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Serves `files` (path -> bytes) over HTTP on loopback, for IPKIX records. */
export async function serveFiles(files: Record<string, Uint8Array>): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (body) res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(Buffer.from(body));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}
