package dev.rootgate.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.rootgate.support.Ed25519Keys;

/**
 * The Ed25519 key that signs checkpoints. It comes from configuration (a file or a Kubernetes secret mounted as
 * {@code rootgate.audit.checkpoint-key} and {@code rootgate.audit.checkpoint-public-key}), never from the database,
 * so whoever rewrites the database cannot sign a rewritten chain. Production refuses to start without it; dev mode
 * and tests generate a key for the run and say so.
 */
@ApplicationScoped
public class CheckpointKey {

    private static final Logger LOG = Logger.getLogger(CheckpointKey.class);

    @ConfigProperty(name = "rootgate.audit.checkpoint-key")
    Optional<String> configuredPrivate;
    @ConfigProperty(name = "rootgate.audit.checkpoint-public-key")
    Optional<String> configuredPublic;

    private PrivateKey privateKey;
    private PublicKey publicKey;

    @PostConstruct
    void load() {
        try {
            if (configuredPrivate.isPresent() && configuredPublic.isPresent()) {
                Ed25519Keys.problemWith(configuredPrivate.get(), configuredPublic.get()).ifPresent(problem -> {
                    throw new IllegalStateException("rootgate.audit.checkpoint-key " + problem);
                });
                privateKey = Ed25519Keys.privateKey(configuredPrivate.get());
                publicKey = Ed25519Keys.publicKey(configuredPublic.get());
                return;
            }
            if (configuredPrivate.isPresent() || configuredPublic.isPresent()) {
                throw new IllegalStateException("rootgate.audit.checkpoint-key and rootgate.audit.checkpoint-public-key"
                        + " are set together or not at all");
            }
            KeyPair generated = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM).generateKeyPair();
            privateKey = generated.getPrivate();
            publicKey = generated.getPublic();
            LOG.warnf("No audit checkpoint key configured: generated one for this run (dev mode and tests only;"
                    + " production refuses to start without one). Its public key: %s", publicKeyBase64());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15 or newer", e);
        }
    }

    String sign(byte[] data) {
        return Base64.getEncoder().encodeToString(Ed25519Keys.sign(privateKey, data));
    }

    boolean signed(Checkpoint checkpoint) {
        try {
            return Ed25519Keys.verifies(publicKey, checkpoint.signedBytes(), Base64.getDecoder().decode(checkpoint.signature()));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** X.509 SubjectPublicKeyInfo, DER, base64: what the offline verifier takes with --public-key. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
