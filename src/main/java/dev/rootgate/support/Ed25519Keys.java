package dev.rootgate.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Ed25519 keys as configuration carries them: the private key in PKCS#8, the public key in X.509
 * (SubjectPublicKeyInfo), both DER in base64. The JDK cannot derive a public key from an Ed25519 private key, so
 * both are configured, and a pair that does not sign and verify together is refused.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";
    private static final byte[] PROBE = "rootgate checkpoint key pair probe".getBytes(StandardCharsets.UTF_8);

    private Ed25519Keys() {
    }

    public static PrivateKey privateKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(base64)));
    }

    public static PublicKey publicKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(base64)));
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed with a key that was checked at start", e);
        }
    }

    public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Why the configured pair is unusable, or empty when the private key signs what the public key verifies. */
    public static Optional<String> problemWith(String privateBase64, String publicBase64) {
        PrivateKey privateKey;
        PublicKey publicKey;
        try {
            privateKey = privateKey(privateBase64);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("is not an Ed25519 private key in PKCS#8 DER, base64");
        }
        try {
            publicKey = publicKey(publicBase64);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("has no matching Ed25519 public key: the public key is not X.509 DER, base64");
        }
        return verifies(publicKey, PROBE, sign(privateKey, PROBE)) ? Optional.empty()
                : Optional.of("and the public key are not one pair: a signature of one does not verify with the other");
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.strip());
    }
}
