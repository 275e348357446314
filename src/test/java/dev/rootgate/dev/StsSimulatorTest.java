package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.RegionDisabledException;
import software.amazon.awssdk.services.sts.model.StsException;

class StsSimulatorTest {

    private static final String TARGET_ACCOUNT = "111122223333";
    private static final String S3_UNLOCK = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy";
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private StsSimulator simulator;
    private StsClient sts;

    @BeforeEach
    void start() {
        simulator = StsSimulator.start(0);
        sts = client(config -> { });
    }

    @AfterEach
    void stop() {
        sts.close();
        simulator.close();
    }

    @Test
    void issuesCredentialsForNineHundredSecondsByDefault() {
        Instant before = Instant.now();
        Credentials credentials = sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)).credentials();

        assertNotNull(credentials);
        assertTrue(credentials.accessKeyId().matches("ASIA[A-Z2-7]{16}"), credentials.accessKeyId());
        assertTrue(credentials.secretAccessKey().matches("[A-Za-z0-9/+]{40}"));
        assertTrue(credentials.sessionToken().length() > 300);
        assertExpiresAbout(before.plusSeconds(900), credentials.expiration());
    }

    @Test
    void honoursRequestedDurationAndArnFormOfTarget() {
        Instant before = Instant.now();
        Credentials credentials = sts.assumeRoot(
                request("arn:aws:iam::" + TARGET_ACCOUNT + ":root", S3_UNLOCK, 300)).credentials();

        assertExpiresAbout(before.plusSeconds(300), credentials.expiration());
    }

    @Test
    void recordsIssuedCallWithoutSecretOrToken() throws Exception {
        Credentials credentials = sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, 600)).credentials();

        String body = control("GET", "/calls").body();
        assertFalse(body.contains(credentials.secretAccessKey()));
        assertFalse(body.contains(credentials.sessionToken()));
        JsonNode calls = json.readTree(body);
        assertEquals(1, calls.size());
        JsonNode call = calls.get(0);
        assertEquals(TARGET_ACCOUNT, call.get("targetPrincipal").asText());
        assertEquals(S3_UNLOCK, call.get("taskPolicyArn").asText());
        assertEquals(600, call.get("durationSeconds").asInt());
        assertEquals("issued", call.get("outcome").asText());
        assertEquals(credentials.accessKeyId(), call.get("accessKeyId").asText());
        assertNotNull(Instant.parse(call.get("time").asText()));

        assertEquals(204, control("DELETE", "/calls").statusCode());
        assertEquals("[]", control("GET", "/calls").body());
    }

    @Test
    void refusesDurationAboveNineHundredSeconds() throws Exception {
        StsException refused = assertThrows(StsException.class,
                () -> sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, 901)));

        assertSame(StsException.class, refused.getClass());
        assertEquals("ValidationError", refused.awsErrorDetails().errorCode());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Value '901' at"
                + " 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900"));
        JsonNode call = onlyCall();
        assertEquals("ValidationError", call.get("outcome").asText());
        assertTrue(call.get("accessKeyId").isNull());
    }

    @Test
    void refusesPolicyThatIsNotARootTaskPolicy() {
        StsException refused = assertThrows(StsException.class, () -> sts.assumeRoot(
                request(TARGET_ACCOUNT, "arn:aws:iam::aws:policy/AdministratorAccess", null)));

        assertEquals("ValidationError", refused.awsErrorDetails().errorCode());
        assertEquals(400, refused.statusCode());
    }

    @Test
    void refusesTargetThatIsNotAnAccount() {
        StsException refused = assertThrows(StsException.class,
                () -> sts.assumeRoot(request("12345", S3_UNLOCK, null)));

        assertEquals("ValidationError", refused.awsErrorDetails().errorCode());
        assertTrue(refused.awsErrorDetails().errorMessage().contains("'12345' at 'targetPrincipal'"));
    }

    @Test
    void injectedRegionDisabledBecomesTypedException() throws Exception {
        fault("code=RegionDisabledException");

        RegionDisabledException refused = assertThrows(RegionDisabledException.class,
                () -> sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)));

        assertEquals(403, refused.statusCode());
        assertEquals("RegionDisabledException", onlyCall().get("outcome").asText());
    }

    @Test
    void injectedAccessDeniedNamesTheTargetAccount() throws Exception {
        fault("code=AccessDenied");

        StsException refused = assertThrows(StsException.class,
                () -> sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)));

        assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
        assertEquals(403, refused.statusCode());
        assertTrue(refused.awsErrorDetails().errorMessage()
                .endsWith("is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::111122223333:root"));
    }

    @Test
    void sdkRetriesThrottlingOnce() throws Exception {
        fault("code=Throttling&times=1");

        assertNotNull(sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)).credentials());

        JsonNode calls = json.readTree(control("GET", "/calls").body());
        assertEquals(2, calls.size());
        assertEquals("Throttling", calls.get(0).get("outcome").asText());
        assertEquals("issued", calls.get(1).get("outcome").asText());
    }

    @Test
    void unreachableServiceComesBackOnTheSameEndpoint() throws Exception {
        fault("unreachable=true");

        assertThrows(SdkClientException.class, () -> sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)));

        assertEquals(204, control("DELETE", "/fault").statusCode());
        assertNotNull(sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)).credentials());
    }

    @Test
    void slowServiceStillIssuesAfterTheClientGaveUp() throws Exception {
        fault("slowMs=1000");
        try (StsClient impatient = client(config -> config
                .apiCallAttemptTimeout(Duration.ofMillis(200))
                .retryStrategy(AwsRetryStrategy.doNotRetry()))) {

            assertThrows(ApiCallAttemptTimeoutException.class,
                    () -> impatient.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)));
        }

        assertEquals("issued", awaitOneCall(Duration.ofSeconds(3)).get("outcome").asText());
    }

    @Test
    void answersUnsignedAndForeignRequestsLikeSts() throws Exception {
        String body = "Action=AssumeRoot&Version=2011-06-15&TargetPrincipal=" + TARGET_ACCOUNT;
        HttpResponse<String> unsigned = post(body, null);
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.body().contains("<Code>MissingAuthenticationToken</Code>"));
        assertTrue(unsigned.headers().firstValue("x-amzn-RequestId").isPresent());

        HttpResponse<String> wrongService = post(body,
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0");
        assertEquals(400, wrongService.statusCode());
        assertTrue(wrongService.body().contains("<Code>IncompleteSignature</Code>"));

        HttpResponse<String> otherAction = post("Action=GetCallerIdentity&Version=2011-06-15",
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0");
        assertEquals(400, otherAction.statusCode());
        assertTrue(otherAction.body().contains("<Code>InvalidAction</Code>"));

        assertEquals(3, json.readTree(control("GET", "/calls").body()).size());
    }

    @Test
    void servesConcurrentCallsWithDistinctCredentials() throws Exception {
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                keys.add(pool.submit(() ->
                        sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)).credentials().accessKeyId()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> key : keys) {
                distinct.add(key.get());
            }
            assertEquals(callers, distinct.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(callers, json.readTree(control("GET", "/calls").body()).size());
    }

    @Test
    void controlRejectsUnknownFaults() throws Exception {
        HttpResponse<String> response = control("POST", "/fault?code=NoSuchError");

        assertEquals(400, response.statusCode());
        assertNotNull(sts.assumeRoot(request(TARGET_ACCOUNT, S3_UNLOCK, null)).credentials());
    }

    private StsClient client(Consumer<ClientOverrideConfiguration.Builder> configuration) {
        return StsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret-key")))
                .overrideConfiguration(configuration)
                .build();
    }

    private static AssumeRootRequest request(String targetPrincipal, String taskPolicyArn, Integer durationSeconds) {
        return AssumeRootRequest.builder()
                .targetPrincipal(targetPrincipal)
                .taskPolicyArn(policy -> policy.arn(taskPolicyArn))
                .durationSeconds(durationSeconds)
                .build();
    }

    private static void assertExpiresAbout(Instant expected, Instant actual) {
        Duration off = Duration.between(expected, actual).abs();
        assertTrue(off.compareTo(CLOCK_TOLERANCE) < 0, "expected about " + expected + " but was " + actual);
    }

    private void fault(String query) throws IOException, InterruptedException {
        assertEquals(204, control("POST", "/fault?" + query).statusCode());
    }

    private JsonNode onlyCall() throws IOException, InterruptedException {
        JsonNode calls = json.readTree(control("GET", "/calls").body());
        assertEquals(1, calls.size());
        return calls.get(0);
    }

    /** The simulator records a slow call only once its delay is over, after the client stopped waiting. */
    private JsonNode awaitOneCall(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode calls = json.readTree(control("GET", "/calls").body());
        while (calls.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            calls = json.readTree(control("GET", "/calls").body());
        }
        assertEquals(1, calls.size());
        return calls.get(0);
    }

    private HttpResponse<String> control(String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.controlEndpoint() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String formBody, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
