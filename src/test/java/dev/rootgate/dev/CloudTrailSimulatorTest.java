package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rootgate.detect.AssumeRootEvent;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ThrottlingException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/** The CloudTrail simulator through the real SDK client: the JSON 1.1 protocol, paging, throttling, AWS's refusals. */
class CloudTrailSimulatorTest {

    private static final LookupAttribute ASSUME_ROOT = LookupAttribute.builder()
            .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("AssumeRoot").build();
    private static final long DELIVERY_DELAY_MS = 2_000;
    private final HttpClient http = HttpClient.newHttpClient();
    private StsSimulator sts;
    private CloudTrailSimulator trail;
    private CloudTrailClient cloudTrail;
    private final Instant windowStart = Instant.now().minusSeconds(600);
    private final Instant windowEnd = Instant.now().plusSeconds(600);

    @BeforeEach
    void start() {
        sts = StsSimulator.start(0);
        trail = CloudTrailSimulator.start(0, DELIVERY_DELAY_MS, sts);
        cloudTrail = CloudTrailClient.builder().region(Region.EU_WEST_1).endpointOverride(trail.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        cloudTrail.close();
        trail.close();
        sts.close();
    }

    @Test
    void anStsCallReachesItsRegionsTrailAfterTheDeliveryDelayAsAStringRecord() throws Exception {
        lookup(null); // a cold client's first call can take longer than the delivery delay
        Thread.sleep(550);
        String keyId;
        try (StsClient client = StsClient.builder().region(Region.EU_WEST_1).endpointOverride(sts.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            keyId = client.assumeRoot(AssumeRootRequest.builder().targetPrincipal("111122223333")
                    .taskPolicyArn(PolicyDescriptorType.builder()
                            .arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials").build())
                    .build()).credentials().accessKeyId();
        }
        assertEquals(List.of(), lookup(null).events(), "CloudTrail delivers late");
        Thread.sleep(DELIVERY_DELAY_MS);

        List<Event> events = lookup(null).events();
        assertEquals(1, events.size());
        AssumeRootEvent record = AssumeRootEvent.parse(events.get(0).cloudTrailEvent());
        assertEquals(keyId, record.issued().orElseThrow().accessKeyId());
        assertEquals(StsSimulator.SIMULATED_CALLER_ARN, record.caller().arn());
        assertEquals("eu-west-1", record.region());
        assertEquals("111122223333", record.targetAccount());
        assertEquals(events.get(0).eventId(), record.eventId());
        assertTrue(events.get(0).cloudTrailEvent().contains("\"expiration\":\""));
    }

    @Test
    void pagesComeNewestFirstWithEachEventOnce() throws Exception {
        List<String> injected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            injected.add(inject("kind=shadow&region=eu-west-1"));
        }
        control("POST", "/paging?size=2");
        List<String> read = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String token = null;
        do {
            Thread.sleep(550);
            LookupEventsResponse page = lookup(token);
            page.events().forEach(event -> {
                read.add(event.eventId());
                times.add(event.eventTime());
            });
            token = page.nextToken();
        } while (token != null);

        assertEquals(5, read.size(), read.toString());
        assertTrue(read.containsAll(injected));
        assertEquals(times.stream().sorted(Comparator.reverseOrder()).toList(), times);
    }

    @Test
    void aThirdCallWithinASecondIsThrottled() {
        lookup(null);
        lookup(null);
        assertThrows(ThrottlingException.class, () -> lookup(null));
    }

    @Test
    void aForcedThrottleComesAfterTheNormalAnswersAskedFor() throws Exception {
        control("POST", "/fault?code=ThrottlingException&after=1&times=1");
        lookup(null);
        Thread.sleep(550);
        ThrottlingException throttled = assertThrows(ThrottlingException.class, () -> lookup(null));
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        Thread.sleep(550);
        lookup(null);
    }

    @Test
    void requestsAwsRefusesAreRefused() {
        assertEquals("InvalidMaxResultsException", refusal(LookupEventsRequest.builder().maxResults(51)));
        assertEquals("InvalidTimeRangeException", refusal(LookupEventsRequest.builder()
                .startTime(Instant.now()).endTime(Instant.now().minusSeconds(60))));
        assertEquals("InvalidNextTokenException", refusal(LookupEventsRequest.builder().nextToken("bm9wZQ")));
        assertEquals("InvalidLookupAttributesException", refusal(LookupEventsRequest.builder()
                .lookupAttributes(ASSUME_ROOT, ASSUME_ROOT)));
    }

    @Test
    void theDevPageOffersTheInjectionsAndShowsTheTrail() throws Exception {
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(trail.controlEndpoint() + "/inject"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("from=page&kind=StopLogging")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, posted.statusCode());
        String location = posted.headers().firstValue("Location").orElseThrow();
        String page = control("GET", location);
        assertTrue(page.contains("StopLogging"), page);
        assertTrue(page.contains(location.substring(location.indexOf('=') + 1)), page);
        for (String kind : List.of("shadow", "failed", "StopLogging", "PutRolePolicy", "UpdateAssumeRolePolicy")) {
            assertTrue(page.contains("value=\"" + kind + "\""), kind);
        }
        assertFalse(page.contains("sessionToken"));
    }

    private String refusal(LookupEventsRequest.Builder request) {
        CloudTrailException refused = assertThrows(CloudTrailException.class,
                () -> cloudTrail.lookupEvents(request.build()));
        assertEquals(400, refused.statusCode());
        return refused.awsErrorDetails().errorCode();
    }

    /** One page of the AssumeRoot events of a fixed window: a token is valid only for the query that made it. */
    private LookupEventsResponse lookup(String token) {
        return cloudTrail.lookupEvents(LookupEventsRequest.builder().lookupAttributes(ASSUME_ROOT)
                .startTime(windowStart).endTime(windowEnd).nextToken(token).build());
    }


    private String inject(String query) throws Exception {
        String answer = control("POST", "/inject?" + query);
        return answer.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    private String control(String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(trail.controlEndpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
        return response.body();
    }
}
