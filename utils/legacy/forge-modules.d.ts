// node-forge's own modules, imported one by one (utils/legacy/forge.ts): the package's index loads all of forge,
// TLS and SSH included. Each module adds itself to the one `forge` object its lib/forge.js exports.
declare module 'node-forge/lib/forge' {
  import forge from 'node-forge';
  export default forge;
}
declare module 'node-forge/lib/asn1';
declare module 'node-forge/lib/cipher';
declare module 'node-forge/lib/des';
declare module 'node-forge/lib/aes';
declare module 'node-forge/lib/rc2';
declare module 'node-forge/lib/rsa';
declare module 'node-forge/lib/pbe';
declare module 'node-forge/lib/md5';
declare module 'node-forge/lib/sha1';
declare module 'node-forge/lib/sha256';
declare module 'node-forge/lib/sha512';
