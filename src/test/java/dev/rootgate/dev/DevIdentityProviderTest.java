package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevIdentityProviderTest {

    private static final String CLIENT_ID = "rootgate";
    private static final String CLIENT_SECRET = "dev-secret";
    // An existing query checks that code and state are appended with '&'.
    private static final String REDIRECT_URI = "http://127.0.0.1:8080/callback?tenant=dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient(); // follows no redirects by default

    private static DevIdentityProvider provider;
    private static JwtConsumer tokenVerifier;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = DevIdentityProvider.start(0, CLIENT_ID, CLIENT_SECRET);
        JsonWebKeySet jwks = new JsonWebKeySet(get("/jwks").body());
        tokenVerifier = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(provider.issuer().toString())
                .setExpectedAudience(CLIENT_ID)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .build();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void discoveryAdvertisesEndpointsAndCapabilities() throws Exception {
        HttpResponse<String> response = get("/.well-known/openid-configuration");
        assertEquals(200, response.statusCode());
        JsonNode discovery = JSON.readTree(response.body());
        String issuer = provider.issuer().toString();
        assertTrue(issuer.matches("http://127\\.0\\.0\\.1:\\d+"), issuer);
        assertEquals(issuer, discovery.get("issuer").asText());
        assertEquals(issuer + "/authorize", discovery.get("authorization_endpoint").asText());
        assertEquals(issuer + "/token", discovery.get("token_endpoint").asText());
        assertEquals(issuer + "/jwks", discovery.get("jwks_uri").asText());
        assertEquals(issuer + "/logout", discovery.get("end_session_endpoint").asText());
        assertEquals(List.of("code"), strings(discovery.get("response_types_supported")));
        assertEquals(List.of("public"), strings(discovery.get("subject_types_supported")));
        assertEquals(List.of("RS256"), strings(discovery.get("id_token_signing_alg_values_supported")));
        assertEquals(List.of("client_secret_basic", "client_secret_post"),
                strings(discovery.get("token_endpoint_auth_methods_supported")));
        assertTrue(strings(discovery.get("grant_types_supported")).containsAll(List.of("authorization_code", "password")));
        assertEquals(List.of("S256"), strings(discovery.get("code_challenge_methods_supported")));
        assertTrue(strings(discovery.get("claims_supported")).containsAll(List.of("groups", "amr", "auth_time")));
    }

    @Test
    void passwordGrantIssuesSignedTokensWithMfaClaims() throws Exception {
        long before = Instant.now().getEpochSecond();
        JsonNode tokens = JSON.readTree(passwordGrant(Map.of("username", "carol")).body());

        assertEquals("Bearer", tokens.get("token_type").asText());
        assertEquals(3600, tokens.get("expires_in").asInt());
        assertEquals("openid", tokens.get("scope").asText());
        for (String tokenField : List.of("id_token", "access_token")) {
            JwtContext verified = tokenVerifier.process(tokens.get(tokenField).asText());
            assertNotNull(verified.getJoseObjects().get(0).getKeyIdHeaderValue(), "kid");
            assertEquals("JWT", verified.getJoseObjects().get(0).getHeader("typ"));
            JwtClaims claims = verified.getJwtClaims();
            assertEquals("carol", claims.getSubject());
            assertEquals(CLIENT_ID, claims.getClaimValueAsString("azp"));
            assertEquals(List.of("security-oncall", "platform-leads"), claims.getStringListClaimValue("groups"));
            assertEquals(List.of("pwd", "otp"), claims.getStringListClaimValue("amr"));
            assertTrue(authTime(claims) >= before && authTime(claims) <= Instant.now().getEpochSecond());
            assertEquals(claims.getIssuedAt().getValue() + 3600, claims.getExpirationTime().getValue());
            assertEquals("Carol (approver)", claims.getClaimValueAsString("name"));
            assertEquals("carol", claims.getClaimValueAsString("preferred_username"));
            assertEquals("carol@example.com", claims.getClaimValueAsString("email"));
            assertNotNull(claims.getJwtId());
            assertFalse(claims.hasClaim("nonce"));
        }
        JwtClaims accessClaims = tokenVerifier.processToClaims(tokens.get("access_token").asText());
        assertEquals("openid", accessClaims.getClaimValueAsString("scope"));
    }

    @Test
    void passwordGrantHonoursEmptyAmrCustomGroupsAndAuthTime() throws Exception {
        long staleAuthTime = Instant.now().getEpochSecond() - 7200;
        HttpResponse<String> response = passwordGrant(Map.of(
                "username", "zoe", "groups", "security-oncall, auditors", "amr", "", "auth_time", String.valueOf(staleAuthTime)));
        assertEquals(200, response.statusCode(), response.body());

        JwtClaims claims = tokenVerifier.processToClaims(JSON.readTree(response.body()).get("id_token").asText());
        assertEquals("zoe", claims.getSubject());
        assertEquals(List.of("security-oncall", "auditors"), claims.getStringListClaimValue("groups"));
        assertFalse(claims.hasClaim("amr"));
        assertEquals(staleAuthTime, authTime(claims));
    }

    @Test
    void passwordGrantRejectsUnknownUserWithoutGroups() throws Exception {
        HttpResponse<String> response = passwordGrant(Map.of("username", "mallory"));
        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", JSON.readTree(response.body()).get("error").asText());
    }

    @Test
    void wrongClientSecretIsUnauthorized() throws Exception {
        HttpResponse<String> response = post("/token", form(Map.of("grant_type", "password", "username", "alice")),
                basicAuth(CLIENT_ID, "not-the-secret"));
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", JSON.readTree(response.body()).get("error").asText());
    }

    @Test
    void codeFlowWithPkceIssuesTokensOnceAndEscapesReflectedValues() throws Exception {
        String state = "<script>alert(\"x\")</script>&more";
        String verifier = "verifier-" + "x".repeat(40);
        HttpResponse<String> loginPage = get("/authorize?" + form(authorizeParams(state, s256(verifier))));
        assertEquals(200, loginPage.statusCode());
        assertTrue(loginPage.body().contains("DEV MODE — simulated identity provider; MFA is simulated"));
        for (DevIdentityProvider.SampleUser user : DevIdentityProvider.SAMPLE_USERS) {
            assertTrue(loginPage.body().contains("Log in as " + user.name() + " — password + OTP"), user.username());
        }
        assertEquals(DevIdentityProvider.SAMPLE_USERS.size(), loginPage.body().split("password only \\(no MFA\\)").length - 1);
        assertFalse(loginPage.body().contains("<script>"), "reflected state must be escaped");

        // Submit Carol's form exactly as a browser would: its hidden fields plus the button that was pressed.
        Map<String, String> loginForm = hiddenFieldsOfFormFor("carol", loginPage.body());
        loginForm.put("mfa", "true");
        HttpResponse<String> redirect = post("/authorize", form(loginForm), null);
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT_URI + "&code="), location);
        Map<String, String> callback = queryOf(location);
        assertEquals(state, callback.get("state"));
        assertEquals("dev", callback.get("tenant"));

        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET);
        HttpResponse<String> tokenResponse = post("/token", form(exchange), null);
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        JwtClaims idClaims = tokenVerifier.processToClaims(JSON.readTree(tokenResponse.body()).get("id_token").asText());
        assertEquals("carol", idClaims.getSubject());
        assertEquals("nonce-123", idClaims.getClaimValueAsString("nonce"));
        assertEquals(List.of("pwd", "otp"), idClaims.getStringListClaimValue("amr"));
        assertTrue(Instant.now().getEpochSecond() - authTime(idClaims) < 60);

        HttpResponse<String> replay = post("/token", form(exchange), null);
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", JSON.readTree(replay.body()).get("error").asText());
    }

    @Test
    void passwordOnlyLoginCarriesOnlyPwd() throws Exception {
        String code = login("dave", "false", s256("right-verifier-right-verifier-right-verifier"));
        HttpResponse<String> response = post("/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", "right-verifier-right-verifier-right-verifier")),
                basicAuth(CLIENT_ID, CLIENT_SECRET));
        assertEquals(200, response.statusCode(), response.body());
        JwtClaims claims = tokenVerifier.processToClaims(JSON.readTree(response.body()).get("id_token").asText());
        assertEquals(List.of("pwd"), claims.getStringListClaimValue("amr"));
    }

    @Test
    void wrongPkceVerifierIsInvalidGrant() throws Exception {
        String code = login("alice", "true", s256("right-verifier-right-verifier-right-verifier"));
        HttpResponse<String> response = post("/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier")),
                basicAuth(CLIENT_ID, CLIENT_SECRET));
        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", JSON.readTree(response.body()).get("error").asText());
    }

    @Test
    void redirectUriOnAnotherHostIsRejected() throws Exception {
        Map<String, String> params = authorizeParams("s", s256("v"));
        params.put("redirect_uri", "http://evil.example/callback");
        assertEquals(400, get("/authorize?" + form(params)).statusCode());

        params.put("user", "alice");
        params.put("mfa", "true");
        assertEquals(400, post("/authorize", form(params), null).statusCode(), "tampered hidden field");
    }

    @Test
    void unknownClientIsRejectedAtAuthorize() throws Exception {
        Map<String, String> params = authorizeParams("s", s256("v"));
        params.put("client_id", "someone-else");
        assertEquals(400, get("/authorize?" + form(params)).statusCode());
    }

    @Test
    void logoutReturnsToLocalPostLogoutUriWithState() throws Exception {
        HttpResponse<String> response = get("/logout?" + form(Map.of(
                "post_logout_redirect_uri", "http://localhost:8080/", "state", "bye bye")));
        assertEquals(302, response.statusCode());
        assertEquals("http://localhost:8080/?state=bye+bye", response.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> foreign = get("/logout?" + form(Map.of("post_logout_redirect_uri", "https://evil.example/")));
        assertEquals(200, foreign.statusCode());
        assertTrue(foreign.body().contains("logged out"));
    }

    /** Logs in through the form and returns the authorization code from the redirect. */
    private static String login(String username, String mfa, String codeChallenge) throws Exception {
        Map<String, String> params = authorizeParams("state", codeChallenge);
        params.put("user", username);
        params.put("mfa", mfa);
        HttpResponse<String> redirect = post("/authorize", form(params), null);
        assertEquals(302, redirect.statusCode(), redirect.body());
        return queryOf(redirect.headers().firstValue("Location").orElseThrow()).get("code");
    }

    private static Map<String, String> authorizeParams(String state, String codeChallenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("scope", "openid");
        params.put("state", state);
        params.put("nonce", "nonce-123");
        params.put("prompt", "login");
        params.put("code_challenge", codeChallenge);
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static Map<String, String> hiddenFieldsOfFormFor(String username, String page) {
        String userField = "name=\"user\" value=\"" + username + "\"";
        String formHtml = List.of(page.split("<form")).stream().filter(f -> f.contains(userField)).findFirst().orElseThrow();
        Map<String, String> fields = new HashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(formHtml);
        while (hidden.find()) {
            fields.put(unescapeHtml(hidden.group(1)), unescapeHtml(hidden.group(2)));
        }
        return fields;
    }

    private static String unescapeHtml(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static long authTime(JwtClaims claims) throws Exception {
        return claims.getClaimValue("auth_time", Long.class);
    }

    private static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String basicAuth(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> queryOf(String uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> passwordGrant(Map<String, String> params) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("grant_type", "password");
        return post("/token", form(form), basicAuth(CLIENT_ID, CLIENT_SECRET));
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(provider.issuer() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String formBody, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.issuer() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
