package dev.rootgate.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of SnakeYAML's node tree, so that every refusal names the line the operator has to fix.
 * Scalars are read from their source text, never constructed: "yes" stays a string, and only "true"/"false" are
 * booleans.
 */
final class YamlNodes {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,9}");

    private final String sourceName;

    YamlNodes(String sourceName) {
        this.sourceName = sourceName;
    }

    PolicyException error(Node node, String reason) {
        return new PolicyException(sourceName, line(node), reason);
    }

    PolicyException error(int line, String reason) {
        return new PolicyException(sourceName, line, reason);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /**
     * The entries of a mapping by key. Unknown keys are refused before missing ones, so a typo ("approverz") is
     * reported as the typo, not as the key it failed to set.
     */
    Map<String, Node> mapping(Node node, String what, List<String> allowedKeys, List<String> requiredKeys) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of " + String.join(", ", allowedKeys));
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = key(tuple.getKeyNode(), what);
            if (!allowedKeys.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; known keys: "
                        + String.join(", ", allowedKeys));
            }
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "duplicate key '" + key + "' in " + what);
            }
        }
        for (String required : requiredKeys) {
            if (!entries.containsKey(required)) {
                throw error(node, what + " is missing the required key '" + required + "'");
            }
        }
        return entries;
    }

    /**
     * The key node of an entry of a mapping that {@link #mapping} has accepted. Errors about an entry as a whole
     * point here: a block-style value starts on the line below its key.
     */
    Node keyNode(Node mapping, String key) {
        return ((MappingNode) mapping).getValue().stream()
                .map(NodeTuple::getKeyNode)
                .filter(keyNode -> keyNode instanceof ScalarNode scalar && scalar.getValue().equals(key))
                .findFirst()
                .orElseThrow();
    }

    /** The items of a list that must not be empty: an empty list is more often a mistake than a wish. */
    List<Node> sequence(Node node, String key) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, key + " must be a list");
        }
        if (sequence.getValue().isEmpty()) {
            throw error(node, key + " must not be empty");
        }
        return sequence.getValue();
    }

    /** The items of a list that may be empty. */
    List<Node> sequenceOrEmpty(Node node, String key) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, key + " must be a list");
        }
        return sequence.getValue();
    }

    String string(Node node, String key) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, key + " must be a single value, not a list or mapping");
        }
        if (scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
            throw error(node, key + " must not be empty");
        }
        return scalar.getValue();
    }

    /** One item of a list of strings. */
    String entry(Node item, String listKey) {
        return string(item, "an entry of " + listKey);
    }

    int integer(Node node, String key) {
        String text = string(node, key);
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw error(node, key + " must be a whole number, not '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    boolean bool(Node node, String key) {
        String text = string(node, key);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(node, key + " must be true or false, not '" + text + "'");
        };
    }

    Duration positiveDuration(Node node, String key) {
        String text = string(node, key);
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw error(node, key + " must be an ISO-8601 duration such as PT15M or PT2H, not '" + text + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw error(node, key + " must be a positive duration, not '" + text + "'");
        }
        return duration;
    }

    private String key(Node keyNode, String what) {
        if (!(keyNode instanceof ScalarNode scalar)) {
            throw error(keyNode, "keys in " + what + " must be plain names");
        }
        return scalar.getValue();
    }
}
