package dev.rootgate.detect;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The real-time source: CloudTrail's events as an EventBridge rule puts them in an SQS queue, read by long polling
 * on one thread of each replica. A message is deleted only once its record is committed (or was recorded before, by
 * any source or replica: the eventID decides). A message that cannot be read is left alone, so that SQS hands it
 * out again and, after the queue's maxReceiveCount, moves it to the dead-letter queue; the good ones keep flowing.
 */
@ApplicationScoped
public class QueueConsumer {

    private static final Logger LOG = Logger.getLogger(QueueConsumer.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);

    @Inject
    DetectConfig config;
    @Inject
    Detections detections;
    @ConfigProperty(name = "rootgate.sts.region")
    String stsRegion;
    @ConfigProperty(name = "rootgate.dev.sqs-simulator", defaultValue = "false")
    boolean simulator;

    private volatile boolean running;
    private SqsClient sqs;
    private Thread thread;

    void start(@Observes StartupEvent started) {
        config.queueUrl().filter(url -> !url.isBlank()).ifPresent(url -> {
            if (config.brokerPrincipalArn().filter(arn -> !arn.isBlank()).isEmpty()) {
                // Every message would fail and end in the DLQ: refuse to start instead.
                throw new IllegalStateException("rootgate.detect.queue-url is set but rootgate.detect.broker-principal-arn"
                        + " is not: detection cannot tell rootgate's sessions from others without it");
            }
            sqs = client();
            running = true;
            thread = new Thread(() -> consume(url), "detect-queue");
            thread.setDaemon(true);
            thread.start();
            LOG.infof("Reading CloudTrail events from SQS queue %s", url);
        });
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        // The receive in flight ends within the long-poll wait; its messages, not yet recorded, stay in the queue.
        thread.join(Duration.ofSeconds(config.queueWaitSeconds() + 5L).toMillis());
        sqs.close();
    }

    private void consume(String queueUrl) {
        boolean failing = false;
        while (running) {
            try {
                pollOnce(queueUrl);
                failing = false;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // Once per outage, not once per try: the queue being away says nothing new the second time.
                if (!failing) {
                    LOG.warnf("Cannot receive from SQS queue %s (%s); trying again every %ss", queueUrl, e.getMessage(),
                            PAUSE_AFTER_FAILURE.toSeconds());
                }
                failing = true;
                pause();
            }
        }
    }

    /** One long poll: each message recorded, then deleted; the ones that could not be recorded left in the queue. */
    private void pollOnce(String queueUrl) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(config.queueWaitSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        for (Message message : messages) {
            if (record(message)) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private boolean record(Message message) {
        try {
            detections.record(EventBridgeMessage.record(message.body()), "queue");
            return true;
        } catch (MalformedEvent poison) {
            // Redelivered until the queue's maxReceiveCount moves it to the DLQ: said once, when first seen.
            if (firstDelivery(message)) {
                LOG.warnf("SQS message %s is not a CloudTrail AssumeRoot event (%s): left for the dead-letter queue",
                        message.messageId(), poison.getMessage());
            } else {
                LOG.debugf("SQS message %s refused again: %s", message.messageId(), poison.getMessage());
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warnf("SQS message %s could not be recorded (%s): left in the queue for another try",
                    message.messageId(), e.getMessage());
            return false;
        }
    }

    private static boolean firstDelivery(Message message) {
        return "1".equals(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    private SqsClient client() {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(config.queueRegion().orElse(stsRegion)))
                .credentialsProvider(credentials())
                // A long poll holds the connection for its wait: the socket must outlast it.
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(config.queueWaitSeconds() + 10L)));
        config.queueEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        if (simulator) {
            // The simulator reads no signature.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-signing-key"));
        }
        // The broker role may do nothing but AssumeRoot, so the queue is read as a role of its own, assumed with the
        // pod's web identity token (IRSA); without one configured, the default chain.
        return config.queueRoleArn().filter(arn -> !arn.isBlank())
                .<AwsCredentialsProvider>map(arn -> WebIdentityTokenFileCredentialsProvider.builder().roleArn(arn)
                        .roleSessionName("rootgate-detect").build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
