/**
 * Each command's usage line, apart from the commands themselves: `--help` and the dispatcher read these, and a
 * command's code (and the core it needs) is loaded only when that command runs (cli/main.ts).
 */

export const SEAL_USAGE =
  'directseal seal --key ID.p12 --pass PASS [--cert CERT.pem] --to CERT.pem [--to CERT2.pem ...] ' +
  '[--cipher aes-256-cbc|aes-128-cbc|aes-256-gcm] [--oaep] [--opaque] --in MESSAGE.eml --out SEALED.eml';

export const OPEN_USAGE =
  'directseal open --key ID.p12 --pass PASS [--cert CERT.pem] --anchor CA.pem [--anchor ...] [--crl CRL.der|.pem] ' +
  '--in SEALED.eml --out INNER.eml [--json] [--allow-untrusted] [--mdn MDN.eml] [--fetch]';

export const CA_USAGE = [
  'directseal ca init --name "PRACTICE NAME" --out CA.p12 --pass PASS [--cert-out CA.pem] [--years N]',
  'directseal ca issue --ca CA.p12 --pass PASS --request REQUEST.pem --address ADDRESS [--name "PATIENT NAME"] [--days N] --out CERT.pem',
  'directseal ca issue --ca CA.p12 --pass PASS --request PATIENT.directseal-request --welcome OUT.directseal-welcome --practice-cert PRACTICE.pem [--practice-anchor ROOT.pem ...] [--days N]',
];

export const REQUEST_USAGE = 'directseal request --address ADDRESS [--name "NAME"] [--org "ORGANIZATION"] [--bits 2048|3072] --key-out KEY.p12 --pass PASS (--out REQUEST.pem | --enrollment NAME.directseal-request [--phone PHONE] [--dob YYYY-MM-DD])';

export const DISCOVER_USAGE = `directseal discover ADDRESS [--doh URL | --dns HOST:PORT] [--anchor CA.pem ...] [--out CERTS.pem]`;
