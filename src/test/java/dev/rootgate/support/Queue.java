package dev.rootgate.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The embedded ElasticMQ as EventBridge and an operator see it: messages sent to the queue rootgate reads, its
 * depth, and what reached the dead-letter queue.
 */
public final class Queue {

    private static SqsClient client;

    private Queue() {
    }

    /** Sends the body as EventBridge would; answers the message id SQS gave it. */
    public static String send(String body) {
        return sqs().sendMessage(r -> r.queueUrl(url()).messageBody(body)).messageId();
    }

    /** Messages waiting or in flight in rootgate's queue. */
    public static int depth() {
        Map<QueueAttributeName, String> attributes = sqs().getQueueAttributes(r -> r.queueUrl(url()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Waits until the dead-letter queue holds a message with this id, and takes it out; fails after 40 s. */
    public static Message awaitDeadLetter(String messageId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 40_000;
        List<String> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            for (Message message : sqs().receiveMessage(r -> r.queueUrl(deadLettersUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(1)).messages()) {
                if (message.messageId().equals(messageId)) {
                    sqs().deleteMessage(r -> r.queueUrl(deadLettersUrl()).receiptHandle(message.receiptHandle()));
                    return message;
                }
                seen.add(message.messageId());
            }
        }
        throw new AssertionError("message " + messageId + " never reached the dead-letter queue; it holds " + seen);
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("rootgate.detect.queue-url", String.class);
    }

    private static String deadLettersUrl() {
        return ConfigProvider.getConfig().getValue("rootgate.dev.sqs-simulator.dead-letter-queue-url", String.class);
    }

    private static synchronized SqsClient sqs() {
        if (client == null) {
            URI endpoint = ConfigProvider.getConfig().getValue("rootgate.detect.queue-endpoint", URI.class);
            client = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return client;
    }
}
