package dev.rootgate.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rootgate.support.TestUser;

/**
 * The identity provider down, its JWKS endpoint with it: the keys the replicas already hold keep verifying tokens,
 * and a token signed with a key they do not know is refused, however it is made — never accepted for want of a
 * check.
 */
class IdentityProviderOutageIT {

    private static Deployment deployment;

    @BeforeAll
    static void start() {
        deployment = Deployment.shared();
    }

    /** The same claims as {@code token}, signed with a key the identity provider never published. */
    private static String resignedWithAnUnknownKey(String token) throws Exception {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("rotated-" + System.nanoTime());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static int me(Replica replica, TestUser user, String token) {
        return user.api(token).baseUri(replica.url().toString()).get("/api/v1/me").statusCode();
    }

    @Test
    void cachedKeysKeepWorkingAndUnknownKeysAreRefusedWhileJwksIsUnreachable() throws Exception {
        TestUser engineer = TestUser.engineer();
        String token = engineer.token();
        String forged = resignedWithAnUnknownKey(token);
        for (Replica replica : deployment.replicas()) {
            assertEquals(200, me(replica, engineer, token), replica.name);
        }
        deployment.identityProvider.unreachable();
        try {
            for (Replica replica : deployment.replicas()) {
                assertEquals(200, me(replica, engineer, token), replica.name + ": a cached key verifies");
                assertEquals(401, me(replica, engineer, forged), replica.name + ": an unknown key is refused");
                assertEquals(200, me(replica, engineer, token), replica.name + ": the failed key refresh kept the cached keys");
            }
        } finally {
            deployment.identityProvider.reachable();
        }
        for (Replica replica : deployment.replicas()) {
            assertEquals(401, me(replica, engineer, forged), replica.name + ": an unpublished key stays refused");
            assertEquals(200, me(replica, engineer, engineer.token()), replica.name + ": the provider serves again");
        }
    }
}
