package dev.rootgate.dev;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Hands the embedded stand-ins' addresses to the configuration, so that dev mode and tests run with nothing
 * installed. Each stand-in starts only when its switch is on (dev and test profiles) and nothing real is
 * configured in its place. In production nothing starts here: {@link ProductionGuard} checks the configuration.
 */
public class EmbeddedDefaults implements ConfigSourceFactory {

    static final int ORDINAL = 150; // below application.properties (250): explicit configuration always wins

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT && LaunchMode.current() == LaunchMode.NORMAL) {
            ProductionGuard.enforce(key -> Optional.ofNullable(context.getValue(key)).map(ConfigValue::getValue));
            return List.of();
        }
        Map<String, String> values = new HashMap<>();
        if (switchedOn(context, "rootgate.dev.embedded-database") && unset(context, "quarkus.datasource.jdbc.url")) {
            values.put("quarkus.datasource.jdbc.url", EmbeddedServices.databaseUrl());
            values.put("quarkus.datasource.username", EmbeddedServices.DATABASE_USER);
            values.put("quarkus.datasource.password", EmbeddedServices.DATABASE_USER);
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
        if (switchedOn(context, "rootgate.dev.cloudtrail-simulator") && unset(context, "rootgate.detect.cloudtrail-endpoint")) {
            String[] urls = EmbeddedServices.cloudTrailSimulatorUrls(number(context, "rootgate.dev.cloudtrail-simulator.port"),
                    number(context, "rootgate.dev.cloudtrail-simulator.delivery-delay-ms"));
            values.put("rootgate.detect.cloudtrail-endpoint", urls[0]);
            values.put("rootgate.dev.cloudtrail-simulator.control-url", urls[1]);
        }
        return List.of(new MapBackedConfigSource("rootgate embedded defaults", values, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
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
