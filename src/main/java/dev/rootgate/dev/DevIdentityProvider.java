package dev.rootgate.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
  * A small in-process OpenID Connect provider for dev mode and tests.
  *
  * <p>It issues real RS256-signed tokens carrying {@code groups}, {@code amr} and {@code auth_time}, so quarkus-oidc
  * verifies them through discovery and JWKS exactly as it would a real IdP's. Logging in means picking a sample user
  * and whether the login "used" an OTP: MFA is simulated, nothing is checked. There is no SSO session, so every
  * authorization request shows the login page and yields a fresh {@code auth_time}; that is how {@code prompt=login}
  * and {@code max_age} are honoured without parsing them.
  */
public final class DevIdentityProvider implements AutoCloseable {

    public record SampleUser(String username, String name, List<String> groups) {}

    public static final List<SampleUser> SAMPLE_USERS = List.of(
            new SampleUser("alice", "Alice (requester)", List.of("platform-engineers")),
            new SampleUser("bob", "Bob (approver)", List.of("security-oncall")),
            new SampleUser("carol", "Carol (approver)", List.of("security-oncall", "platform-leads")),
            new SampleUser("dave", "Dave (auditor)", List.of("security-audit")),
            new SampleUser("erin", "Erin (admin)", List.of("rootgate-admins")),
            new SampleUser("frank", "Frank (break-glass)", List.of("security-breakglass")),
            new SampleUser("grace", "Grace (security lead)", List.of("security-leads")),
            new SampleUser("heidi", "Heidi (security lead)", List.of("security-leads")));

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    private static final List<String> PASSWORD_AND_OTP = List.of("pwd", "otp");
    private static final List<String> PASSWORD_ONLY = List.of("pwd");
    private static final String GRANTED_SCOPE = "openid";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Big integers and decimals read and written digit for digit. */
    private static final ObjectMapper EXACT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who logged in and how; becomes the identity claims of both tokens. */
    private record Identity(String username, String name, List<String> groups, List<String> amr, long authTime,
                            ObjectNode claimOverrides) {}

    /** There is a single client, so a code needs no client binding: whoever authenticates at /token is that client. */
    private record AuthorizationCode(
            Identity identity, String redirectUri, String nonce, String codeChallenge, Instant expiresAt) {}

    /** A refused request; the endpoint decides whether it becomes an OAuth JSON error or an HTML page. */
    private static final class Rejection extends RuntimeException {
        final int status;
        final String error;

        Rejection(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }
    }

    /** Null while the provider plays an outage. Guarded by {@code this}. */
    private HttpServer server;
    private final ExecutorService executor;
    private final URI issuer;
    private final String clientId;
    private final String clientSecret;
    private final RsaJsonWebKey signingKey;
    private final Map<String, AuthorizationCode> pendingCodes = new ConcurrentHashMap<>();

    private DevIdentityProvider(HttpServer server, String clientId, String clientSecret, RsaJsonWebKey signingKey) {
        this.server = server;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.signingKey = signingKey;
        this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dev-identity-provider");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the provider on 127.0.0.1; port 0 picks a free port (see {@link #issuer()}). */
    public static DevIdentityProvider start(int port, String clientId, String clientSecret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
            DevIdentityProvider provider = new DevIdentityProvider(server, requireText(clientId, "clientId"),
                    requireText(clientSecret, "clientSecret"), newSigningKey());
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dev identity provider on port " + port, e);
        }
    }

    /** The issuer: exactly the {@code iss} of every token and the base of every endpoint. */
    public URI issuer() {
        return issuer;
    }

    @Override
    public synchronized void close() {
        unreachable();
        executor.shutdownNow();
    }

    /** Plays an identity provider that is down: every endpoint, JWKS included, refuses connections. */
    public synchronized void unreachable() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Ends the outage: the same issuer address, the same signing key. */
    public synchronized void reachable() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(issuer.getHost()), issuer.getPort()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on " + issuer, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private static RsaJsonWebKey newSigningKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(randomToken(9));
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate the RSA signing key", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /.well-known/openid-configuration" -> sendJson(exchange, 200, discoveryDocument());
                case "GET /jwks" -> sendJson(exchange, 200,
                        new JsonWebKeySet(signingKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                case "GET /authorize" -> showLoginPage(exchange, parseForm(exchange.getRequestURI().getRawQuery()));
                case "POST /authorize" -> completeLogin(exchange, parseForm(readBody(exchange)));
                case "POST /token" -> issueTokens(exchange, parseForm(readBody(exchange)));
                case "GET /logout" -> logout(exchange, parseForm(exchange.getRequestURI().getRawQuery()));
                default -> sendHtml(exchange, 404, page("Not found", "<p>No such endpoint.</p>"));
            }
        } catch (RuntimeException e) {
            sendHtml(exchange, 500, page("Error", "<p>" + escapeHtml(String.valueOf(e)) + "</p>"));
        } finally {
            exchange.close();
        }
    }

    private String discoveryDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer.toString());
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        document.put("jwks_uri", issuer + "/jwks");
        document.put("end_session_endpoint", issuer + "/logout");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(AlgorithmIdentifiers.RSA_USING_SHA256));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("grant_types_supported", List.of("authorization_code", "password"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("scopes_supported", List.of(GRANTED_SCOPE));
        document.put("claims_supported", List.of("iss", "sub", "aud", "azp", "exp", "iat", "auth_time", "amr", "nonce",
                "groups", "name", "preferred_username", "email", "jti"));
        return toJson(document);
    }

    // ---- /authorize -------------------------------------------------------------------------------------------------

    private void showLoginPage(HttpExchange exchange, Map<String, String> params) throws IOException {
        try {
            checkAuthorizationRequest(params);
        } catch (Rejection rejection) {
            sendErrorPage(exchange, rejection);
            return;
        }
        StringBuilder forms = new StringBuilder();
        for (SampleUser user : SAMPLE_USERS) {
            forms.append("<form method=\"post\" action=\"/authorize\">\n");
            // Only what the code is bound to travels on; scope, prompt and max_age need no state (see class comment).
            for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "code_challenge",
                    "code_challenge_method")) {
                String value = params.get(name);
                if (value != null) {
                    forms.append(hiddenField(name, value));
                }
            }
            forms.append(hiddenField("user", user.username()))
                    .append("<button class=\"primary\" name=\"mfa\" value=\"true\">Log in as ").append(escapeHtml(user.name()))
                    .append(" — password + OTP</button>\n")
                    .append("<button class=\"secondary\" name=\"mfa\" value=\"false\">password only (no MFA)</button>\n")
                    .append("<span class=\"groups\">").append(escapeHtml(String.join(", ", user.groups()))).append("</span>\n")
                    .append("</form>\n");
        }
        sendHtml(exchange, 200, page("Log in", "<p>Signing in to <code>" + escapeHtml(params.get("client_id"))
                + "</code>. Pick a user:</p>\n" + forms));
    }

    private void completeLogin(HttpExchange exchange, Map<String, String> form) throws IOException {
        SampleUser user;
        try {
            // The form's hidden fields came back from the browser, so they are checked again rather than trusted.
            checkAuthorizationRequest(form);
            user = findSampleUser(form.get("user"))
                    .orElseThrow(() -> new Rejection(400, "invalid_request", "unknown user: " + form.get("user")));
        } catch (Rejection rejection) {
            sendErrorPage(exchange, rejection);
            return;
        }
        List<String> amr = "true".equals(form.get("mfa")) ? PASSWORD_AND_OTP : PASSWORD_ONLY;
        Identity identity = new Identity(user.username(), user.name(), user.groups(), amr, Instant.now().getEpochSecond(),
                null);
        String code = randomToken(32);
        pendingCodes.values().removeIf(expired -> expired.expiresAt().isBefore(Instant.now()));
        pendingCodes.put(code, new AuthorizationCode(identity, form.get("redirect_uri"),
                form.get("nonce"), form.get("code_challenge"), Instant.now().plus(CODE_LIFETIME)));

        Map<String, String> response = new LinkedHashMap<>();
        response.put("code", code);
        response.put("state", form.get("state"));
        redirect(exchange, withQueryParameters(form.get("redirect_uri"), response));
    }

    private void checkAuthorizationRequest(Map<String, String> params) {
        if (!clientId.equals(params.get("client_id"))) {
            throw new Rejection(400, "invalid_request", "unknown client_id: " + params.get("client_id"));
        }
        if (!isLocalHttpUri(params.get("redirect_uri"))) {
            throw new Rejection(400, "invalid_request",
                    "redirect_uri must be http(s) on localhost or 127.0.0.1: " + params.get("redirect_uri"));
        }
        if (params.containsKey("response_type") && !"code".equals(params.get("response_type"))) {
            throw new Rejection(400, "unsupported_response_type", "only response_type=code is supported");
        }
        if (params.containsKey("code_challenge") && !"S256".equals(params.get("code_challenge_method"))) {
            throw new Rejection(400, "invalid_request", "only code_challenge_method=S256 is supported");
        }
    }

    // ---- /token -----------------------------------------------------------------------------------------------------

    private void issueTokens(HttpExchange exchange, Map<String, String> form) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        try {
            if (!isAuthenticatedClient(exchange, form)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"dev-identity-provider\"");
                throw new Rejection(401, "invalid_client", "unknown client or wrong secret");
            }
            String grantType = form.getOrDefault("grant_type", "");
            Map<String, Object> tokens = switch (grantType) {
                case "authorization_code" -> redeemCode(form);
                case "password" -> passwordGrant(form);
                default -> throw new Rejection(400, "unsupported_grant_type", "unsupported grant_type: " + grantType);
            };
            sendJson(exchange, 200, toJson(tokens));
        } catch (Rejection rejection) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", rejection.error);
            error.put("error_description", rejection.getMessage());
            sendJson(exchange, rejection.status, toJson(error));
        }
    }

    private boolean isAuthenticatedClient(HttpExchange exchange, Map<String, String> form) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials;
            try {
                credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
            int colon = credentials.indexOf(':');
            if (colon < 0) {
                return false;
            }
            String id = credentials.substring(0, colon);
            String secret = credentials.substring(colon + 1);
            // RFC 6749 form-encodes both parts before Base64, many clients do not; accept either spelling.
            return isOurClient(id, secret) || isOurClient(formDecode(id), formDecode(secret));
        }
        return isOurClient(form.get("client_id"), form.get("client_secret"));
    }

    private boolean isOurClient(String id, String secret) {
        return clientId.equals(id) && secret != null
                && MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> redeemCode(Map<String, String> form) {
        // remove() makes the code single-use even when two exchanges race for it.
        AuthorizationCode code = pendingCodes.remove(form.getOrDefault("code", ""));
        if (code == null || code.expiresAt().isBefore(Instant.now())) {
            throw invalidGrant("unknown, used or expired code");
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            throw invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!isPkceSatisfied(code.codeChallenge(), form.get("code_verifier"))) {
            throw invalidGrant("PKCE verification failed");
        }
        return tokenResponse(code.identity(), code.nonce());
    }

    private Map<String, Object> passwordGrant(Map<String, String> form) {
        String username = form.get("username");
        if (username == null || username.isBlank()) {
            throw new Rejection(400, "invalid_request", "username is required");
        }
        Optional<SampleUser> sampleUser = findSampleUser(username);
        String groupsParam = form.get("groups");
        if (sampleUser.isEmpty() && groupsParam == null) {
            throw invalidGrant("unknown user " + username + "; pass groups to mint a token for any username");
        }
        List<String> groups = groupsParam != null ? splitList(groupsParam) : sampleUser.get().groups();
        String name = sampleUser.map(SampleUser::name).orElse(username);
        List<String> amr = form.containsKey("amr") ? splitList(form.get("amr")) : PASSWORD_AND_OTP;
        long authTime = form.containsKey("auth_time") ? parseEpochSeconds(form.get("auth_time"))
                : Instant.now().getEpochSecond();
        return tokenResponse(new Identity(username, name, groups, amr, authTime, claimOverrides(form.get("claims"))), null);
    }

    private static boolean isPkceSatisfied(String challenge, String verifier) {
        if (challenge == null) {
            // A verifier without a challenge would let an attacker who stripped the challenge pass unnoticed.
            return verifier == null;
        }
        return verifier != null && challenge.equals(s256(verifier));
    }

    private Map<String, Object> tokenResponse(Identity identity, String nonce) {
        long now = Instant.now().getEpochSecond();
        JwtClaims idToken = identityClaims(identity, now);
        if (nonce != null) {
            idToken.setClaim("nonce", nonce);
        }
        JwtClaims accessToken = identityClaims(identity, now);
        accessToken.setClaim("scope", GRANTED_SCOPE);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", sign(accessToken, identity.claimOverrides()));
        response.put("id_token", sign(idToken, identity.claimOverrides()));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        response.put("scope", GRANTED_SCOPE);
        return response;
    }

    private JwtClaims identityClaims(Identity identity, long now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer.toString());
        claims.setSubject(identity.username());
        claims.setAudience(clientId);
        claims.setClaim("azp", clientId);
        claims.setExpirationTime(NumericDate.fromSeconds(now + TOKEN_LIFETIME.toSeconds()));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setClaim("auth_time", identity.authTime());
        if (!identity.amr().isEmpty()) {
            claims.setStringListClaim("amr", identity.amr());
        }
        claims.setStringListClaim("groups", identity.groups());
        claims.setClaim("name", identity.name());
        claims.setClaim("preferred_username", identity.username());
        claims.setClaim("email", identity.username() + "@example.com");
        claims.setGeneratedJwtId();
        return claims;
    }

    /**
     * Tests of how rootgate reads odd claims (no {@code sub}, an {@code auth_time} beyond any date) need tokens no
     * real provider should issue: a password grant may pass {@code claims}, a JSON object whose members replace
     * the usual claims (null removes one). Written into the payload as given, so numbers keep every digit.
     */
    private static ObjectNode claimOverrides(String json) {
        if (json == null) {
            return null;
        }
        try {
            if (EXACT_JSON.readTree(json) instanceof ObjectNode overrides) {
                return overrides;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new Rejection(400, "invalid_request", "claims must be a JSON object");
    }

    private String sign(JwtClaims claims, ObjectNode overrides) {
        String payload = claims.toJson();
        if (overrides != null) {
            try {
                ObjectNode merged = (ObjectNode) EXACT_JSON.readTree(payload);
                overrides.fields().forEachRemaining(claim -> {
                    if (claim.getValue().isNull()) {
                        merged.remove(claim.getKey());
                    } else {
                        merged.set(claim.getKey(), claim.getValue());
                    }
                });
                payload = EXACT_JSON.writeValueAsString(merged);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot merge claims", e);
            }
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setKey(signingKey.getPrivateKey());
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    private static Rejection invalidGrant(String description) {
        return new Rejection(400, "invalid_grant", description);
    }

    // ---- /logout ----------------------------------------------------------------------------------------------------

    /** There is no session to end; the endpoint exists so RP-initiated logout completes its round trip. */
    private void logout(HttpExchange exchange, Map<String, String> params) throws IOException {
        String target = params.get("post_logout_redirect_uri");
        if (isLocalHttpUri(target)) {
            Map<String, String> response = new LinkedHashMap<>();
            response.put("state", params.get("state"));
            redirect(exchange, withQueryParameters(target, response));
        } else {
            sendHtml(exchange, 200, page("Logged out", "<p>You are logged out of the simulated identity provider.</p>"));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static Optional<SampleUser> findSampleUser(String username) {
        return SAMPLE_USERS.stream().filter(user -> user.username().equals(username)).findFirst();
    }

    private static boolean isLocalHttpUri(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean local = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            // A fragment cannot carry the code back (RFC 6749 3.1.2); user info would disguise the real host.
            return http && local && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Appends the non-null parameters, URL-encoded, after whatever query the URI already has. */
    private static String withQueryParameters(String uri, Map<String, String> parameters) {
        StringBuilder result = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null) {
                result.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return result.toString();
    }

    private static List<String> splitList(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static long parseEpochSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new Rejection(400, "invalid_request", "auth_time must be epoch seconds: " + value);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = formDecode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
                params.putIfAbsent(name, value);
            }
        }
        return params;
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The login endpoints answer a browser, and must not bounce an invalid request to an unchecked redirect_uri. */
    private static void sendErrorPage(HttpExchange exchange, Rejection rejection) throws IOException {
        sendHtml(exchange, rejection.status, page("Invalid login request", "<p>" + escapeHtml(rejection.getMessage())
                + "</p>"));
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    private static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String hiddenField(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escapeHtml(name) + "\" value=\"" + escapeHtml(value) + "\">\n";
    }

    private static String escapeHtml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Wraps trusted markup; callers escape anything reflected from the request. */
    private static String page(String title, String bodyHtml) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <link rel="icon" href="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='%%23ffb000'/></svg>">
                <title>%s · dev identity provider</title>
                <style>
                    body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
                    .banner { background: #fff3cd; border: 1px solid #e0c060; padding: .6rem .9rem; border-radius: 4px; }
                    form { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding: .6rem 0;
                                  border-bottom: 1px solid #eee; }
                    button { cursor: pointer; border-radius: 4px; border: 1px solid #888; }
                    .primary { padding: .45rem .9rem; background: #1f5fbf; border-color: #1f5fbf; color: #fff; }
                    .secondary { padding: .2rem .5rem; font-size: .8rem; background: #f4f4f4; }
                    .groups { flex-basis: 100%%; font-size: .8rem; color: #666; }
                </style>
                </head>
                <body>
                <p class="banner"><strong>DEV MODE — simulated identity provider; MFA is simulated</strong></p>
                <h1>%s</h1>
                %s
                </body>
                </html>
                """.formatted(escapeHtml(title), escapeHtml(title), bodyHtml);
    }
}
