package dev.rootgate.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What rootgate's public URL ({@code rootgate.base-url}) says about how browsers reach it. */
public final class PublicUrl {

    private PublicUrl() {
    }

    /** Browsers reach rootgate over TLS (wherever it ends): cookies must be Secure and answers carry HSTS. */
    public static boolean isHttps(String baseUrl) {
        if (baseUrl == null) {
            return false;
        }
        try {
            URI uri = new URI(baseUrl.strip());
            return "https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
