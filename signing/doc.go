// Package signing protects the integrity of a release's artifacts (IEC
// 81001-5-1 clauses 5.8.3 and 5.8.4): a manifest of their SHA-256 digests,
// signed with an SSH key.
//
// Formats, both readable by standard tools, so that a customer or auditor
// can check a release without ward:
//
//   - The manifest ward-release-<version>.sha256 is what GNU sha256sum
//     writes: one line "<64 lower-case hex digits><2 spaces><path>\n" per
//     file, sorted by path, paths relative to the artifacts folder with "/"
//     between folders. `sha256sum -c ward-release-<version>.sha256` checks it.
//   - The signature ward-release-<version>.sha256.sig is an armored SSH
//     signature (PROTOCOL.sshsig of OpenSSH, "-----BEGIN SSH SIGNATURE-----")
//     over the manifest's bytes, hash sha512, namespace Namespace, as
//     `ssh-keygen -Y sign -n ward-release@wardhq` makes it and
//     `ssh-keygen -Y verify -n ward-release@wardhq` checks it. The signature
//     is made by github.com/hiddeco/sshsig; ward has no signature scheme of
//     its own.
//
// Keys are ed25519 or ECDSA (NIST P-256, P-384, P-521) keys: private keys
// in the OpenSSH format, public keys in the authorized_keys form.
//
// The package imports ward, golang.org/x/crypto/ssh and sshsig only; it
// reads no environment and no clock: the caller passes passphrases and
// judges key expiry.
package signing
