package dev.rootgate.dev;

import java.net.URI;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, a real SQS-compatible server, on 127.0.0.1 at a free port: the queue the EventBridge rule feeds in
 * production and its dead-letter queue, with the redrive policy of {@code deploy/aws} (a message received
 * {@link #MAX_RECEIVE_COUNT} times without being deleted moves to the DLQ). The visibility timeout is short so that a
 * refused message is handed out again, and reaches the DLQ, within seconds rather than minutes.
 */
final class SqsSimulator implements AutoCloseable {

    static final String QUEUE = "rootgate-cloudtrail-events";
    static final String DEAD_LETTERS = "rootgate-cloudtrail-events-dlq";
    static final int MAX_RECEIVE_COUNT = 3;
    static final int VISIBILITY_TIMEOUT_SECONDS = 2;

    private final SQSRestServer server;
    private final URI endpoint;
    private final String queueUrl;
    private final String deadLettersUrl;

    private SqsSimulator(SQSRestServer server, URI endpoint, String queueUrl, String deadLettersUrl) {
        this.server = server;
        this.endpoint = endpoint;
        this.queueUrl = queueUrl;
        this.deadLettersUrl = deadLettersUrl;
    }

    static SqsSimulator start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try (SqsClient sqs = client(endpoint)) {
            String deadLetters = sqs.createQueue(r -> r.queueName(DEAD_LETTERS)).queueUrl();
            String deadLettersArn = sqs.getQueueAttributes(r -> r.queueUrl(deadLetters)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String queue = sqs.createQueue(r -> r.queueName(QUEUE).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLettersArn
                            + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"))).queueUrl();
            return new SqsSimulator(server, endpoint, queue, deadLetters);
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    /** A client of the simulator: it checks no signature, so any key signs. */
    static SqsClient client(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-signing-key")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    URI endpoint() {
        return endpoint;
    }

    String queueUrl() {
        return queueUrl;
    }

    String deadLettersUrl() {
        return deadLettersUrl;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
