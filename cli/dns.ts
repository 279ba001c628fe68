/**
 * Plain DNS for `directseal discover --dns HOST:PORT`: UDP with EDNS(0) first; an answer marked truncated (TC,
 * as any real certificate chain over 1232 bytes is) is asked again over TCP, each message with its 2-byte length
 * prefix (RFC 1035 section 4.2.2). Node only: the extension uses DNS-over-HTTPS (utils/discovery/doh.ts).
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { randomInt } from 'node:crypto';
import { DirectSealError } from '../utils/errors';
import { decodeMessage, encodeQuery, type DnsMessage } from '../utils/discovery/wire';
import type { DnsTransport } from '../utils/discovery/discover';

const TIMEOUT_MS = 5_000;
const UDP_PAYLOAD = 1232;

export function parseServer(text: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(text.trim());
  const port = Number(m?.[2] ?? 53);
  if (!m || port < 1 || port > 65535) throw new DirectSealError('USAGE', `--dns wants HOST:PORT, not "${text}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

export function plainDnsTransport(server: { host: string; port: number }): DnsTransport {
  const where = `${server.host}:${server.port}`;
  return {
    describe: `DNS ${where}`,
    async exchange(name, type): Promise<{ message: DnsMessage; via: string }> {
      const id = randomInt(0, 0x10000);
      const udp = checkId(decodeMessage(await udpExchange(server, encodeQuery(name, type, { id, udpPayloadSize: UDP_PAYLOAD }))), id, where);
      if (!udp.truncated) return { message: udp, via: `DNS ${where} over UDP` };
      const tcpId = randomInt(0, 0x10000);
      const tcp = checkId(decodeMessage(await tcpExchange(server, encodeQuery(name, type, { id: tcpId }))), tcpId, where);
      return { message: tcp, via: `DNS ${where} over TCP (the UDP answer was truncated)` };
    },
  };
}

function checkId(message: DnsMessage, id: number, where: string): DnsMessage {
  if (message.id !== id) throw new DirectSealError('DISCOVERY_FAILED', `${where} answered another question (id ${message.id}, not ${id})`);
  return message;
}

function udpExchange(server: { host: string; port: number }, query: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(new DirectSealError('DISCOVERY_FAILED', `no UDP answer from ${server.host}:${server.port} in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    let done = false;
    const finish = (result: Uint8Array | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    socket.on('message', (msg) => finish(new Uint8Array(msg)));
    socket.on('error', (e) => finish(new DirectSealError('DISCOVERY_FAILED', `UDP ${server.host}:${server.port}: ${e.message}`, { cause: e })));
    socket.send(query, server.port, server.host);
  });
}

function tcpExchange(server: { host: string; port: number }, query: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const fail = (why: string, cause?: unknown) => {
      if (done) return;
      done = true;
      socket.destroy();
      reject(new DirectSealError('DISCOVERY_FAILED', `TCP ${server.host}:${server.port}: ${why}`, { cause }));
    };
    socket.setTimeout(TIMEOUT_MS, () => fail('no answer in time'));
    socket.on('error', (e) => fail(e.message, e));
    socket.on('connect', () => {
      const framed = Buffer.alloc(2 + query.length);
      framed.writeUInt16BE(query.length, 0);
      framed.set(query, 2);
      socket.write(framed);
    });
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      received += c.length;
      const all = Buffer.concat(chunks, received);
      if (!done && all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) {
        done = true;
        socket.end();
        resolve(new Uint8Array(all.subarray(2, 2 + all.readUInt16BE(0))));
      }
    });
    socket.on('end', () => fail('closed before the whole answer came'));
  });
}
