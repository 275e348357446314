package dev.rootgate.dev;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.Converters;

/**
 * Reads a dev switch the way its consumers do ({@code @ConfigProperty boolean}): through SmallRye's own boolean
 * converter, so {@code on}, {@code yes}, {@code y} and {@code 1} are on here exactly when they are on there.
 */
final class Switches {

    private static final Converter<Boolean> SMALLRYE_BOOLEAN = Converters.getImplicitConverter(Boolean.class);

    private Switches() {
    }

    static boolean on(String raw) {
        return raw != null && Boolean.TRUE.equals(SMALLRYE_BOOLEAN.convert(raw));
    }
}
