package dev.rootgate.support;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that walks the browser's path: the OIDC code flow through the dev identity
 * provider's login page, and rootgate's forms with their CSRF tokens. No JavaScript; redirects are followed.
 */
public final class Browser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    public record Page(int status, URI uri, String body, HttpHeaders headers) {
        public boolean has(String text) {
            return body.contains(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.ALWAYS).build();
    private final URI base;

    public Browser(URI base) {
        this.base = base;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** A GET with extra headers, as a page's own script sends it ({@code fetch} with {@code headers}). */
    public Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The value of the first hidden field named {@code name} on the page (a form token, say). */
    public static String hidden(Page page, String name) {
        Map<String, String> fields = hiddenFields(page.body());
        if (!fields.containsKey(name)) {
            throw new AssertionError("no hidden field " + name + " on " + page.uri());
        }
        return fields.get(name);
    }

    /** Logs in on the identity provider's page that {@code page} shows, as {@code user}, with or without MFA. */
    public Page logIn(Page loginPage, String user, boolean mfa) {
        for (Matcher form = FORM.matcher(loginPage.body()); form.find();) {
            Map<String, String> fields = hiddenFields(form.group(2));
            if (user.equals(fields.get("user"))) {
                fields.put("mfa", Boolean.toString(mfa));
                return post(loginPage.uri().resolve(unescape(form.group(1))), fields);
            }
        }
        throw new AssertionError("no login form for " + user + " on " + loginPage.uri() + ":\n" + loginPage.body());
    }

    /** Submits the first form of {@code page} whose action is {@code action}, with its hidden fields and {@code values}. */
    public Page submit(Page page, String action, Map<String, String> values) {
        for (Matcher form = FORM.matcher(page.body()); form.find();) {
            if (unescape(form.group(1)).equals(action)) {
                Map<String, String> fields = hiddenFields(form.group(2));
                fields.putAll(values);
                return post(page.uri().resolve(action), fields);
            }
        }
        throw new AssertionError("no form posting to " + action + " on " + page.uri() + ":\n" + page.body());
    }

    /**
     * A request with this browser's cookies that another site's page could make ({@code fetch} with
     * {@code credentials: 'include'}): any method, any content type or none, any body.
     */
    public Page send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /**
     * A cookie set for this site by someone else, as a sibling subdomain can; with a longer path than the site's
     * own cookie of that name, browsers send it first.
     */
    public void plantCookie(String name, String value, String path) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath(path);
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    /** The value of this browser's cookie {@code name} for the site (the shortest path's, as the site set it). */
    public String cookie(String name) {
        return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals(name))
                .min(Comparator.comparingInt(c -> c.getPath() == null ? 0 : c.getPath().length()))
                .map(HttpCookie::getValue).orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private Page post(URI target, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.uri(), response.body(), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    private static Map<String, String> hiddenFields(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Matcher hidden = HIDDEN.matcher(form); hidden.find();) {
            fields.put(hidden.group(1), unescape(hidden.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }
}
