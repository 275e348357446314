package dev.rootgate.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * The one configuration hook of this package that ships: in production it runs {@link ProductionGuard} while the
 * run-time configuration is assembled, before any extension starts; in dev mode and tests it hands over to the
 * stand-ins' {@link StandInSettings}. Those are left out of the packaged application, so it names none of them.
 */
public class GuardOrStandIns implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT && LaunchMode.current() == LaunchMode.NORMAL) {
            ProductionGuard.enforce(key -> Optional.ofNullable(context.getValue(key)).map(ConfigValue::getValue));
            return List.of();
        }
        List<ConfigSource> sources = new ArrayList<>();
        for (StandInSettings standIns : ServiceLoader.load(StandInSettings.class, GuardOrStandIns.class.getClassLoader())) {
            standIns.getConfigSources(context).forEach(sources::add);
        }
        return sources;
    }
}
