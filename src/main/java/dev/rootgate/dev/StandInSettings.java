package dev.rootgate.dev;

import io.smallrye.config.ConfigSourceFactory;

/**
 * The settings through which the stand-ins reach the configuration, found by {@link GuardOrStandIns} in
 * {@code META-INF/services/dev.rootgate.dev.StandInSettings}. The packaged application has this type but neither
 * that file nor any implementation of it, so nothing there can start a stand-in.
 */
public interface StandInSettings extends ConfigSourceFactory {
}
