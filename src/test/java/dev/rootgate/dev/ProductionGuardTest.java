package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    private static Map<String, String> complete() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/rootgate");
        config.put("quarkus.oidc.auth-server-url", "https://idp.example.com/realms/corp");
        config.put("quarkus.oidc.client-id", "rootgate");
        config.put("quarkus.oidc.credentials.secret", "s3cret-from-a-vault");
        config.put("rootgate.sts.region", "eu-central-1");
        config.put("rootgate.policy.file", "/etc/rootgate/policy.yaml");
        config.put("rootgate.base-url", "https://rootgate.example.com");
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
}
