package dev.rootgate.detect;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClientBuilder;

/**
 * One CloudTrail client per region (LookupEvents reads one region's trail), built on first use and closed with the
 * application. Default credentials chain in production; the simulator's endpoint and a dummy key in dev mode and tests.
 */
@ApplicationScoped
public class CloudTrailClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    DetectConfig config;
    @ConfigProperty(name = "rootgate.dev.cloudtrail-simulator", defaultValue = "false")
    boolean simulator;

    private final Map<String, CloudTrailClient> clients = new ConcurrentHashMap<>();

    public CloudTrailClient of(String region) {
        return clients.computeIfAbsent(region, this::build);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(CloudTrailClient::close);
    }

    private CloudTrailClient build(String region) {
        CloudTrailClientBuilder builder = CloudTrailClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(CALL_TIMEOUT))
                // The poller paces its calls and backs off on throttling itself: SDK retries would break its pace.
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(CALL_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.cloudtrailEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        // The simulator checks the signature's shape, not its key.
        return simulator
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-signing-key"))
                : DefaultCredentialsProvider.builder().build();
    }
}
