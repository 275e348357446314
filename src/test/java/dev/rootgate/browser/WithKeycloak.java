package dev.rootgate.browser;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * rootgate as an operator would run it against Keycloak: the OIDC issuer is the real Keycloak of
 * {@link KeycloakServer} (the dev identity provider stays off), the policy uses the groups of the example realm.
 * The database and the STS stay the tests' embedded ones.
 */
public class WithKeycloak implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rootgate.dev.identity-provider", "false",
                "rootgate.policy.file", "classpath:browser-policy.yaml");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakServer.class));
    }
}
