package dev.rootgate.dev;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Block Kit's limits as Slack enforces them for the blocks rootgate sends; a breach is Slack's {@code invalid_blocks}. */
final class SlackBlocks {

    static final int MAX_BLOCKS = 50;
    static final int MAX_TEXT = 40_000;
    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");

    private SlackBlocks() {
    }

    /** Why Slack would refuse these blocks, or empty when it would take them. */
    static Optional<String> problem(JsonNode blocks) {
        if (blocks == null || blocks.isNull() || blocks.isMissingNode()) {
            return Optional.empty();
        }
        if (!blocks.isArray() || blocks.size() > MAX_BLOCKS) {
            return Optional.of("blocks must be an array of at most " + MAX_BLOCKS);
        }
        for (JsonNode block : blocks) {
            Optional<String> problem = switch (block.path("type").asText()) {
                case "header" -> text(block.path("text"), 150, true);
                case "section" -> section(block);
                case "actions" -> actions(block.path("elements"));
                case "context" -> block.path("elements").size() > 10 ? Optional.of("context: more than 10 elements")
                        : block.path("elements").findParents("type").stream()
                                .map(element -> text(element, 3000, false)).flatMap(Optional::stream).findFirst();
                case "divider" -> Optional.empty();
                default -> Optional.of("unknown block type " + block.path("type"));
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> section(JsonNode block) {
        if (block.has("text")) {
            Optional<String> problem = text(block.path("text"), 3000, false);
            if (problem.isPresent()) {
                return problem;
            }
        }
        JsonNode fields = block.path("fields");
        if (fields.size() > 10) {
            return Optional.of("section: more than 10 fields");
        }
        for (JsonNode field : fields) {
            Optional<String> problem = text(field, 2000, false);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return block.has("text") || fields.size() > 0 ? Optional.empty() : Optional.of("section: no text");
    }

    private static Optional<String> actions(JsonNode elements) {
        if (elements.size() == 0 || elements.size() > 25) {
            return Optional.of("actions: 1 to 25 elements");
        }
        for (JsonNode element : elements) {
            if (!"button".equals(element.path("type").asText())) {
                return Optional.of("actions: only buttons are simulated");
            }
            Optional<String> problem = text(element.path("text"), 75, true);
            if (problem.isPresent()) {
                return problem;
            }
            if (element.path("url").asText().length() > 3000) {
                return Optional.of("button url longer than 3000");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode text, int max, boolean plainOnly) {
        String type = text.path("type").asText();
        if (plainOnly ? !"plain_text".equals(type) : !TEXT_TYPES.contains(type)) {
            return Optional.of("text object of type '" + type + "'");
        }
        String value = text.path("text").asText("");
        if (value.isEmpty() || value.length() > max) {
            return Optional.of("text of " + value.length() + " characters (1 to " + max + ")");
        }
        return Optional.empty();
    }
}
