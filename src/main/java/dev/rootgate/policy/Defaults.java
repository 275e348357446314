package dev.rootgate.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The settings a rule inherits. The same keys appear in the `defaults` block (overriding the built-in values) and
 * in a rule (overriding the defaults), so one method reads them in both places.
 */
record Defaults(MfaMaxAge mfaMaxAge, Duration pendingTtl, Duration activationWindow, int sessionSeconds) {

    /** AssumeRoot refuses longer sessions. */

    static final Defaults BUILT_IN = new Defaults(
            new MfaMaxAge(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(5)),
            Duration.ofHours(2), Duration.ofMinutes(30), TaskPolicy.MAX_SESSION_SECONDS);

    static final List<String> KEYS = List.of("mfaMaxAge", "pendingTtl", "activationWindow", "sessionSeconds");

    private static final List<String> MFA_KEYS = List.of("request", "decide", "start");

    /** These settings, with whichever of {@link #KEYS} the entries give replacing them. */
    Defaults overriddenBy(Map<String, Node> entries, YamlNodes nodes) {
        return new Defaults(
                entries.containsKey("mfaMaxAge") ? mfaMaxAgeOverriddenBy(entries.get("mfaMaxAge"), nodes) : mfaMaxAge,
                durationOr(entries, "pendingTtl", pendingTtl, nodes),
                durationOr(entries, "activationWindow", activationWindow, nodes),
                entries.containsKey("sessionSeconds") ? sessionSeconds(entries.get("sessionSeconds"), nodes)
                        : sessionSeconds);
    }

    private MfaMaxAge mfaMaxAgeOverriddenBy(Node node, YamlNodes nodes) {
        Map<String, Node> entries = nodes.mapping(node, "mfaMaxAge", MFA_KEYS, List.of());
        return new MfaMaxAge(
                durationOr(entries, "request", mfaMaxAge.request(), nodes, "mfaMaxAge.request"),
                durationOr(entries, "decide", mfaMaxAge.decide(), nodes, "mfaMaxAge.decide"),
                durationOr(entries, "start", mfaMaxAge.start(), nodes, "mfaMaxAge.start"));
    }

    private static Duration durationOr(Map<String, Node> entries, String key, Duration fallback, YamlNodes nodes) {
        return durationOr(entries, key, fallback, nodes, key);
    }

    private static Duration durationOr(Map<String, Node> entries, String key, Duration fallback, YamlNodes nodes,
                                       String label) {
        Node node = entries.get(key);
        return node == null ? fallback : nodes.positiveDuration(node, label);
    }

    private static int sessionSeconds(Node node, YamlNodes nodes) {
        int seconds = nodes.integer(node, "sessionSeconds");
        if (seconds < 1 || seconds > TaskPolicy.MAX_SESSION_SECONDS) {
            throw nodes.error(node, "sessionSeconds must be between 1 and " + TaskPolicy.MAX_SESSION_SECONDS
                    + " (AssumeRoot's limit), not " + seconds);
        }
        return seconds;
    }
}
