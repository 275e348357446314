package dev.rootgate.web;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.rootgate.support.PublicUrl;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * When rootgate's public URL is {@code https://}, every cookie is Secure (the OIDC session and state cookies, the
 * CSRF cookie) and the OIDC redirect URIs say https — also behind a proxy that ends TLS, where the request itself
 * arrives over plain HTTP and the extensions would otherwise judge by that. The CSRF cookie is then a
 * {@code __Host-} cookie, which browsers accept only from this very host over https: a sibling subdomain cannot
 * plant one. Decided once, from {@code rootgate.base-url}, so that one setting cannot disagree with another.
 */
public class HttpsSettings implements ConfigSourceFactory {

    static final int ORDINAL = 260; // above application.properties (250): an https site never sends a cookie in clear

    static Map<String, String> forBaseUrl(String baseUrl) {
        if (!PublicUrl.isHttps(baseUrl)) {
            return Map.of();
        }
        return Map.of("quarkus.oidc.authentication.cookie-force-secure", "true",
                "quarkus.oidc.authentication.force-redirect-https-scheme", "true",
                "quarkus.rest-csrf.cookie-force-secure", "true",
                "quarkus.rest-csrf.cookie-name", "__Host-csrf-token");
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue baseUrl = context.getValue("rootgate.base-url");
        return List.of(new MapBackedConfigSource("rootgate https settings",
                forBaseUrl(baseUrl == null ? null : baseUrl.getValue()), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
