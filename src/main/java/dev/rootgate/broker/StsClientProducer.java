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
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

@ApplicationScoped
public class StsClientProducer {

    @Produces
    @Singleton
    StsClient stsClient(StsConfig config, @ConfigProperty(name = "rootgate.dev.sts-simulator") boolean simulator) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(simulator))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        // The SDK's attempt timeout below fires first; the socket timeout is only a backstop.
                        .socketTimeout(config.readTimeout().plus(config.readTimeout())))
                // The SDK never retries on its own: a retried AssumeRoot whose first answer was lost is a second
                // session. RootSessionBroker retries throttling, the one refusal that proves nothing was issued.
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(config.readTimeout())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
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
}
