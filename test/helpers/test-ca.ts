/**
 * A certificate authority made in the test, for local HTTPS and SMTP servers: root → (optional
 * intermediate) → leaf certificates with the names, validity and keys a test asks for.
 *
 *   import { createTestCa } from './helpers/test-ca.js';
 *   const ca = await createTestCa('Test Root');
 *   const leaf = await ca.issue({ names: ['mta-sts.example.test'] });          // valid for a day
 *   const expired = await ca.issue({ names: ['mx.example.test'], notAfter: new Date(Date.now() - 86_400_000) });
 *   const inter = await ca.intermediate('Test Issuing CA');                     // another TestCa
 *   https.createServer({ key: leaf.keyPem, cert: leaf.chainPem }, …);
 *   httpsGet(url, { ca: ca.certPem, … });
 *   leaf.x509      // node:crypto X509Certificate of the leaf; leaf.chain: X509Certificate[] leaf first
 *
 * Node can parse X.509 (crypto.X509Certificate) but not create it, so certificates are built
 * with @peculiar/x509 (TypeScript, WebCrypto keys; it needs the reflect-metadata polyfill,
 * imported here first). Keys are ECDSA P-256 (fast to make) unless `keyType: 'rsa'`.
 */

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, webcrypto } from 'node:crypto';

// Node's webcrypto is the WebCrypto the library expects; the DOM type name is not in our lib settings.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const DAY = 86_400_000;
type KeyPair = webcrypto.CryptoKeyPair;

export interface IssuedCertificate {
  keyPem: string;
  certPem: string;
  /** Leaf then the issuing CAs up to (not including) the root, as a server presents it. */
  chainPem: string;
  x509: X509Certificate;
  /** Leaf first, then intermediates (not the root). */
  chain: X509Certificate[];
}

export interface IssueOptions {
  names?: string[];
  ips?: string[];
  /** Subject common name; the first name by default. */
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
  keyType?: 'ec' | 'rsa';
  /** Reuse a key pair (to test `3 1 1` staying the same across a renewal). */
  keys?: KeyPair;
}

export interface TestCa {
  certPem: string;
  x509: X509Certificate;
  /** This CA's chain up to the root, excluding the root (empty for the root itself). */
  chain: X509Certificate[];
  keys: KeyPair;
  issue(options: IssueOptions): Promise<IssuedCertificate & { keys: KeyPair }>;
  intermediate(name: string): Promise<TestCa>;
}

let serial = 1;
function nextSerial(): string {
  serial += 1;
  return serial.toString(16).padStart(8, '0');
}

async function generate(keyType: 'ec' | 'rsa' = 'ec'): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(keyType === 'rsa' ? RSA : EC, true, ['sign', 'verify'])) as KeyPair;
}

function keyPem(der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

function makeCa(cert: x509.X509Certificate, keys: KeyPair, chainAbove: X509Certificate[], isRoot: boolean): TestCa {
  const certPem = cert.toString('pem');
  const own = new X509Certificate(certPem);
  const chainForChildren = isRoot ? [] : [own, ...chainAbove];
  return {
    certPem,
    x509: own,
    chain: chainForChildren,
    keys,
    async issue(options) {
      const leafKeys = options.keys ?? (await generate(options.keyType));
      const names = options.names ?? [];
      const sans: x509.JsonGeneralName[] = [...names.map((n) => ({ type: 'dns' as const, value: n })), ...(options.ips ?? []).map((ip) => ({ type: 'ip' as const, value: ip }))];
      const extensions: x509.Extension[] = [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
      ];
      if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans));
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: nextSerial(),
        subject: `CN=${options.commonName ?? names[0] ?? options.ips?.[0] ?? 'leaf'}`,
        issuer: cert.subject,
        notBefore: options.notBefore ?? new Date(Date.now() - DAY),
        notAfter: options.notAfter ?? new Date(Date.now() + DAY),
        signingAlgorithm: keys.privateKey.algorithm.name === 'ECDSA' ? EC : RSA,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        extensions,
      });
      const leafPem = leaf.toString('pem');
      const chain = [new X509Certificate(leafPem), ...chainForChildren];
      return {
        keyPem: keyPem(await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey)),
        certPem: leafPem,
        chainPem: [leafPem, ...chainForChildren.map((c) => c.toString())].join('\n'),
        x509: chain[0] as X509Certificate,
        chain,
        keys: leafKeys,
      };
    },
    async intermediate(name) {
      const interKeys = await generate();
      const inter = await x509.X509CertificateGenerator.create({
        serialNumber: nextSerial(),
        subject: `CN=${name}`,
        issuer: cert.subject,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 30 * DAY),
        signingAlgorithm: keys.privateKey.algorithm.name === 'ECDSA' ? EC : RSA,
        publicKey: interKeys.publicKey,
        signingKey: keys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(interKeys.publicKey),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      return makeCa(inter, interKeys, chainForChildren, false);
    },
  };
}

/** A new self-signed root CA, valid from yesterday for 30 days. */
export async function createTestCa(name = 'mailcheck Test Root', options: { keyType?: 'ec' | 'rsa' } = {}): Promise<TestCa> {
  const keys = await generate(options.keyType);
  const alg = options.keyType === 'rsa' ? RSA : EC;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: `CN=${name}`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 30 * DAY),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return makeCa(root, keys, [], true);
}
