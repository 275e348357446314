package dev.rootgate.identity;

import java.util.Set;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "rootgate.mfa")
public interface MfaConfig {

    /** The {@code amr} values (RFC 8176) that count as multi-factor evidence. */
    Set<String> methods();
}
