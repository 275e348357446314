package dev.rootgate.support;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A user of the tests: a fresh subject in some groups, whose tokens come from the dev identity provider over
 * HTTP — real RS256 tokens with groups, amr and auth_time, verified by quarkus-oidc like any IdP's.
 */
public record TestUser(String subject, List<String> groups) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // A failed expectation prints the exchange, so a red test explains itself.
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    public static TestUser engineer() {
        return in("engineers");
    }

    public static TestUser approver() {
        return in("approvers");
    }

    public static TestUser auditor() {
        return in("auditors");
    }

    public static TestUser in(String... groups) {
        return new TestUser(String.join("-", groups) + "-" + UUID.randomUUID().toString().substring(0, 8), List.of(groups));
    }

    /** A token after a password + OTP login just now. */
    public String token() {
        return token("pwd,otp", Instant.now());
    }

    public String token(String amr, Instant authTime) {
        return token(Map.of("amr", amr, "auth_time", Long.toString(authTime.getEpochSecond())));
    }

    /** A token after a password + OTP login just now, with claims replaced as the JSON object says (null removes). */
    public String tokenWithClaims(String claimsJson) {
        return token(Map.of("amr", "pwd,otp", "claims", claimsJson));
    }

    private String token(Map<String, String> login) {
        Map<String, String> form = new HashMap<>(login);
        form.putAll(Map.of("grant_type", "password", "username", subject, "groups", String.join(",", groups)));
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        String secret = ConfigProvider.getConfig().getValue("quarkus.oidc.credentials.secret", String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("rootgate:" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("could not get a token for " + subject, e);
        }
    }

    /** The JSON API as this user, freshly MFA'd, from a given source address. */
    public RequestSpecification api() {
        return api(token());
    }

    public RequestSpecification api(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public RequestSpecification apiFrom(String sourceIp) {
        return api().header("X-Forwarded-For", sourceIp);
    }
}
