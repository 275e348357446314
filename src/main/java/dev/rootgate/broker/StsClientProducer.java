package dev.rootgate.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import java.time.Duration;

@ApplicationScoped
public class StsClientProducer {

    /** Throttling means STS issued nothing, so only throttling is retried; any other retry could issue twice. */
    static final int ATTEMPTS_WHEN_THROTTLED = 3;

    @Produces
    @Singleton
    StsClient stsClient(StsConfig config, @ConfigProperty(name = "rootgate.dev.sts-simulator") boolean simulator) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(simulator))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.readTimeout()))
                .overrideConfiguration(o -> o.retryStrategy(StandardRetryStrategy.builder()
                        .maxAttempts(ATTEMPTS_WHEN_THROTTLED)
                        .retryOnException(StsClientProducer::isThrottling)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(2)))
                        .circuitBreakerEnabled(false)
                        .build()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes StsClient client) {
        client.close();
    }

    private static AwsCredentialsProvider credentials(boolean simulator) {
        // The simulator checks the signature's shape, not its key; production uses the default chain (IRSA, instance profile, env).
        return simulator
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-signing-key"))
                : DefaultCredentialsProvider.builder().build();
    }

    private static boolean isThrottling(Throwable failure) {
        return failure instanceof AwsServiceException service && service.isThrottlingException()
                || failure instanceof SdkException && failure.getCause() instanceof AwsServiceException cause
                        && cause.isThrottlingException();
    }
}
