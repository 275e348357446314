package dev.rootgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Whether cookies are Secure is decided by the public URL's scheme alone, never by how a request arrived. */
class HttpsSettingsTest {

    private static final Map<String, String> SECURE = Map.of("quarkus.oidc.authentication.cookie-force-secure", "true",
            "quarkus.oidc.authentication.force-redirect-https-scheme", "true",
            "quarkus.rest-csrf.cookie-force-secure", "true", "quarkus.rest-csrf.cookie-name", "__Host-csrf-token");

    @Test
    void anHttpsBaseUrlMakesEveryCookieSecure() {
        for (String url : List.of("https://rootgate.example.com", "HTTPS://rootgate.example.com/", " https://10.0.0.1:8443/gate")) {
            assertEquals(SECURE, HttpsSettings.forBaseUrl(url), url);
        }
    }

    @Test
    void anythingElseChangesNothing() {
        for (String url : new String[] { null, "", "http://localhost:8080", "rootgate.example.com", "https://", "https:x" }) {
            assertEquals(Map.of(), HttpsSettings.forBaseUrl(url), url);
        }
    }
}
