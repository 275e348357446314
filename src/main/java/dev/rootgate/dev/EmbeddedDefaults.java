package dev.rootgate.dev;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Hands the embedded stand-ins' addresses to the configuration, so that dev mode and tests run with nothing
 * installed. Each stand-in starts only when its switch is on (dev and test profiles) and nothing real is
 * configured in its place. The packaged application does not contain this class: {@link GuardOrStandIns} runs
 * {@link ProductionGuard} there instead.
 */
public class EmbeddedDefaults implements StandInSettings {

    static final int ORDINAL = 150; // below application.properties (250): explicit configuration always wins

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> values = new HashMap<>();
        if (switchedOn(context, "rootgate.dev.embedded-database") && unset(context, "quarkus.datasource.jdbc.url")) {
            values.put("quarkus.datasource.jdbc.url", EmbeddedServices.databaseUrl());
            values.put("quarkus.datasource.username", EmbeddedServices.DATABASE_APP_ROLE);
            values.put("quarkus.datasource.password", EmbeddedServices.DATABASE_APP_ROLE);
            values.put("quarkus.flyway.username", EmbeddedServices.DATABASE_OWNER);
            values.put("quarkus.flyway.password", EmbeddedServices.DATABASE_OWNER);
        }
        if (switchedOn(context, "rootgate.dev.identity-provider") && unset(context, "quarkus.oidc.auth-server-url")) {
            ConfigValue port = context.getValue("rootgate.dev.identity-provider.port");
            values.put("quarkus.oidc.auth-server-url", EmbeddedServices.identityProviderUrl(
                    port == null || port.getValue() == null ? 0 : Integer.parseInt(port.getValue())));
            values.put("quarkus.oidc.credentials.secret", EmbeddedServices.DEV_CLIENT_SECRET);
        }
        if (switchedOn(context, "rootgate.dev.sts-simulator") && unset(context, "rootgate.sts.endpoint")) {
            values.put("rootgate.sts.endpoint", EmbeddedServices.stsSimulatorUrl());
            values.put("rootgate.dev.sts-simulator.control-url", EmbeddedServices.stsSimulatorControlUrl());
        }
        if (switchedOn(context, "rootgate.dev.slack-simulator") && unset(context, "rootgate.slack.api-url")) {
            ConfigValue port = context.getValue("rootgate.dev.slack-simulator.port");
            String url = EmbeddedServices.slackSimulatorUrl(
                    port == null || port.getValue() == null ? 0 : Integer.parseInt(port.getValue()));
            values.put("rootgate.slack.api-url", url + "/api");
            values.put("rootgate.slack.token", EmbeddedServices.SLACK_DEV_TOKEN);
            values.put("rootgate.dev.slack-simulator.url", url);
        }
        if (switchedOn(context, "rootgate.dev.sqs-simulator") && unset(context, "rootgate.detect.queue-url")) {
            String[] sqs = EmbeddedServices.sqsSimulator();
            values.put("rootgate.detect.queue-endpoint", sqs[0]);
            values.put("rootgate.detect.queue-url", sqs[1]);
            values.put("rootgate.dev.sqs-simulator.dead-letter-queue-url", sqs[2]);
        }
        if (switchedOn(context, "rootgate.dev.cloudtrail-simulator") && unset(context, "rootgate.detect.cloudtrail-endpoint")) {
            String[] urls = EmbeddedServices.cloudTrailSimulatorUrls(number(context, "rootgate.dev.cloudtrail-simulator.port"),
                    number(context, "rootgate.dev.cloudtrail-simulator.delivery-delay-ms"));
            values.put("rootgate.detect.cloudtrail-endpoint", urls[0]);
            values.put("rootgate.dev.cloudtrail-simulator.control-url", urls[1]);
        }
        return List.of(new MapBackedConfigSource("rootgate embedded defaults", values, ORDINAL) {
        });
    }

    private static int number(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value == null || value.getValue() == null ? 0 : Integer.parseInt(value.getValue());
    }

    private static boolean switchedOn(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value != null && Switches.on(value.getValue());
    }

    private static boolean unset(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }
}
