package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ProductionGuardTest {

    /** A pair made with openssl genpkey -algorithm ed25519 (for these tests only). */
    static final String CHECKPOINT_KEY = "MC4CAQAwBQYDK2VwBCIEILqtrk6BL7octl6HPOiPQMpN1iIFlXmPJn0D6BV29rm9";
    static final String CHECKPOINT_PUBLIC_KEY = "MCowBQYDK2VwAyEA4oaGdX/fK+XAL9b/MzDWesWC5+qfEduSqJL5D4B24J4=";
    private static final String OTHER_CHECKPOINT_KEY = "MC4CAQAwBQYDK2VwBCIEIDa8wHCNPjYjLyeYCRQQ0aW62tRNP9mDc5tH5ahPx22e";

    private static Map<String, String> complete() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/rootgate");
        config.put("quarkus.oidc.auth-server-url", "https://idp.example.com/realms/corp");
        config.put("quarkus.oidc.client-id", "rootgate");
        config.put("quarkus.oidc.credentials.secret", "a-32-character-client-secret-from-the-vault");
        config.put("rootgate.sts.region", "eu-central-1");
        config.put("rootgate.policy.file", "/etc/rootgate/policy.yaml");
        config.put("rootgate.base-url", "https://rootgate.example.com");
        config.put("quarkus.rest-csrf.token-signature-key", "a-32-character-key-from-the-vault");
        config.put("rootgate.audit.checkpoint-key", CHECKPOINT_KEY);
        config.put("rootgate.audit.checkpoint-public-key", CHECKPOINT_PUBLIC_KEY);
        config.put("rootgate.dev.embedded-database", "false");
        config.put("rootgate.dev.sts-simulator", "false");
        config.put("rootgate.dev.identity-provider", "false");
        return config;
    }

    private static List<String> problems(Map<String, String> config) {
        return ProductionGuard.problems(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void completeProductionConfigurationStarts() {
        assertEquals(List.of(), problems(complete()));
    }

    @Test
    void everyStandInIsRefusedWithItsOwnLine() {
        for (String standIn : ProductionGuard.STAND_INS) {
            Map<String, String> config = complete();
            config.put(standIn, "true");
            List<String> problems = problems(config);
            assertEquals(1, problems.size(), standIn);
            assertTrue(problems.get(0).startsWith(standIn + "=true"), problems.get(0));
        }
    }

    /** Every spelling SmallRye's conversion knows, and some it does not: the guard reads each as the app does. */
    private static final List<String> ON = List.of("true", "TRUE", "True", "yes", "YES", "y", "Y", "on", "ON", "On",
            "1", " true", "on ", "ja", "J", "si", "SIM", "oui");
    private static final List<String> SPELLINGS = Stream.concat(ON.stream(),
            Stream.of("false", "FALSE", "no", "n", "off", "0", "nein", "non", "", " ")).toList();

    private static boolean consumerReadsOn(String key, String spelling) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(key, spelling), "test", 500)).build();
        return config.getOptionalValue(key, Boolean.class).orElse(false);
    }

    @Test
    void theGuardReadsEachStandInSwitchExactlyAsTheApplicationDoes() {
        for (String standIn : ProductionGuard.STAND_INS) {
            for (String spelling : SPELLINGS) {
                Map<String, String> config = complete();
                config.put(standIn, spelling);
                boolean on = consumerReadsOn(standIn, spelling);
                assertEquals(on, !problems(config).isEmpty(), standIn + "=\"" + spelling + "\"");
                assertEquals(on, Switches.on(spelling), "the stand-ins start on \"" + spelling + "\"");
                assertEquals(ON.contains(spelling), on, "SmallRye reads \"" + spelling + "\" as " + on);
            }
        }
    }

    @Test
    void theBaseUrlMustBeHttps() {
        for (String url : List.of("http://rootgate.example.com", "rootgate.example.com", "https://", "https:rootgate",
                "ftp://rootgate.example.com", "//rootgate.example.com", "https ://x")) {
            Map<String, String> config = complete();
            config.put("rootgate.base-url", url);
            List<String> problems = problems(config);
            assertEquals(1, problems.size(), url);
            assertTrue(problems.get(0).startsWith("rootgate.base-url must be an https:// URL"), problems.get(0));
        }
        for (String url : List.of("https://rootgate.example.com", "HTTPS://rootgate.example.com/", "https://10.0.0.1:8443")) {
            Map<String, String> config = complete();
            config.put("rootgate.base-url", url);
            assertEquals(List.of(), problems(config), url);
        }
    }

    @Test
    void theCsrfSigningKeyMustBeLongEnough() {
        Map<String, String> config = complete();
        config.put("quarkus.rest-csrf.token-signature-key", "short-key");
        assertEquals(List.of("quarkus.rest-csrf.token-signature-key must be at least 32 characters long; it has 9"),
                problems(config));
    }

    @Test
    void everyMissingSettingIsNamed() {
        for (String required : ProductionGuard.REQUIRED) {
            Map<String, String> config = complete();
            config.remove(required);
            assertEquals(List.of(required + " is required in production and is not set"), problems(config));
            config.put(required, " ");
            assertEquals(1, problems(config).size(), "blank " + required);
        }
    }

    @Test
    void theCheckpointKeyMustBeAnEd25519PairThatSignsAndVerifies() {
        Map<String, String> config = complete();
        config.put("rootgate.audit.checkpoint-key", OTHER_CHECKPOINT_KEY);
        assertEquals(List.of("rootgate.audit.checkpoint-key and the public key are not one pair: a signature of one does"
                + " not verify with the other"), problems(config));
        config.put("rootgate.audit.checkpoint-key", "bm90IGEga2V5");
        assertEquals(List.of("rootgate.audit.checkpoint-key is not an Ed25519 private key in PKCS#8 DER, base64"),
                problems(config));
        config.put("rootgate.audit.checkpoint-key", CHECKPOINT_KEY);
        config.put("rootgate.audit.checkpoint-public-key", CHECKPOINT_KEY);
        assertEquals(1, problems(config).size());
    }

    /** Every replica must decrypt the login state another one wrote: a short client secret leaves each its own key. */
    @Test
    void aShortClientSecretNeedsAStateSecretEveryReplicaShares() {
        Map<String, String> config = complete();
        config.put("quarkus.oidc.credentials.secret", "s3cret-from-a-vault");
        List<String> problems = problems(config);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("quarkus.oidc.credentials.secret has fewer than 32 characters"), problems.get(0));
        assertTrue(problems.get(0).contains("set quarkus.oidc.authentication.state-secret"), problems.get(0));
        config.put("quarkus.oidc.authentication.state-secret", "short");
        assertEquals(1, problems(config).size());
        config.put("quarkus.oidc.authentication.state-secret", "a-32-character-state-secret-from-the-vault");
        assertEquals(List.of(), problems(config));
    }
}
