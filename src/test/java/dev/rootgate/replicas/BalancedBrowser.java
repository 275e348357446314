package dev.rootgate.replicas;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser behind the load balancer: it speaks to https://localhost, which the balancer (this class, ending TLS)
 * sends to whichever replica the test names for the next step, with the same Host header both replicas see in
 * production. It keeps cookies as a browser does for that one site, follows redirects by hand, and logs in on the
 * identity provider's page directly. No JavaScript.
 */
final class BalancedBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    record Page(int status, URI uri, String body) {
        boolean has(String text) {
            return body.contains(text);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Replica next;

    BalancedBrowser(Replica first) {
        this.next = first;
    }

    /** The replica the balancer picks for the next request to the site. */
    BalancedBrowser via(Replica replica) {
        this.next = replica;
        return this;
    }

    Page get(String path) {
        return follow(URI.create(Deployment.PUBLIC_URL + path), "GET", null);
    }

    /** Logs in on the identity provider's page as one of its sample users, with an OTP. */
    Page logIn(Page loginPage, String user) {
        for (Matcher form = FORM.matcher(loginPage.body()); form.find();) {
            Map<String, String> fields = hiddenFields(form.group(2));
            if (user.equals(fields.get("user"))) {
                fields.put("mfa", "true");
                return follow(loginPage.uri().resolve(unescape(form.group(1))), "POST", encode(fields));
            }
        }
        throw new AssertionError("no login form for " + user + " on " + loginPage.uri() + ":\n" + loginPage.body());
    }

    /** Submits the form of {@code page} that posts to {@code action}, with its hidden fields (the CSRF token) and {@code values}. */
    Page submit(Page page, String action, Map<String, String> values) {
        for (Matcher form = FORM.matcher(page.body()); form.find();) {
            if (unescape(form.group(1)).equals(action)) {
                Map<String, String> fields = hiddenFields(form.group(2));
                fields.putAll(values);
                return follow(URI.create(Deployment.PUBLIC_URL + action), "POST", encode(fields));
            }
        }
        throw new AssertionError("no form posting to " + action + " on " + page.uri() + ":\n" + page.body());
    }

    private Page follow(URI target, String method, String form) {
        URI uri = target;
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> response = send(uri, method, form);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(response.statusCode(), uri, response.body());
            }
            uri = uri.resolve(location);
            method = "GET";
            form = null;
        }
        throw new AssertionError("too many redirects from " + target);
    }

    private HttpResponse<String> send(URI uri, String method, String form) {
        boolean site = Deployment.PUBLIC_URL.equals(uri.getScheme() + "://" + uri.getAuthority());
        URI wire = site ? next.url().resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())) : uri;
        HttpRequest.Builder request = HttpRequest.newBuilder(wire).method(method,
                form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (site) {
            request.header("Host", Deployment.PUBLIC_HOST).header("X-Forwarded-Proto", "https");
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (site) {
                keep(response.headers().allValues("Set-Cookie"));
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + wire + " failed", e);
        }
    }

    private void keep(List<String> setCookies) {
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            boolean expired = setCookie.toLowerCase().matches(".*;\\s*max-age=0(;.*|$)") || value.isEmpty();
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
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
