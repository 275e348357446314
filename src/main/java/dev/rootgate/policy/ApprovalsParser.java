package dev.rootgate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads who has to approve under a rule. Two forms: {@code approvers: [groups]} with {@code approvals: N} is one
 * stage; a list of {@code {from: [groups], count: N}} under {@code approvals} is one stage per item. A mixture of
 * the two is refused rather than guessed at, because either guess could need fewer people than the operator meant.
 */
final class ApprovalsParser {

    private static final List<String> STAGE_KEYS = List.of("from", "count", "allowOverlap");
    private static final String STAGE_EXAMPLE = "- {from: [security-oncall], count: 1}";

    private final YamlNodes nodes;

    ApprovalsParser(YamlNodes nodes) {
        this.nodes = nodes;
    }

    List<ApprovalStage> parse(Node rule, Map<String, Node> entries) {
        Node approvers = entries.get("approvers");
        Node approvals = entries.get("approvals");
        if (approvals == null) {
            throw nodes.error(rule, approvers == null
                    ? "a rule is missing the required key 'approvals': a list of stages such as " + STAGE_EXAMPLE
                            + ", or a number together with approvers: [groups]"
                    : "a rule is missing the required key 'approvals': with approvers, approvals is the number of"
                            + " distinct people who must approve, e.g. approvals: 1");
        }
        if (approvals instanceof SequenceNode) {
            if (approvers != null) {
                throw nodes.error(nodes.keyNode(rule, "approvers"), "approvers cannot be combined with a list of"
                        + " stages under approvals; use either approvers + approvals: N, or a list of stages"
                        + " (each stage names its groups in from)");
            }
            return stages(approvals);
        }
        if (approvals instanceof MappingNode) {
            throw nodes.error(approvals, "approvals must be a number (with approvers) or a list of stages;"
                    + " write each stage as a list item: " + STAGE_EXAMPLE);
        }
        if (approvers == null) {
            throw nodes.error(rule, "a rule is missing the required key 'approvers': approvals: N counts approvals"
                    + " from the approvers groups; or write approvals as a list of stages such as " + STAGE_EXAMPLE);
        }
        return List.of(new ApprovalStage(groups(approvers, "approvers", "approvers").keySet(),
                count(approvals, "approvals"), false));
    }

    private List<ApprovalStage> stages(Node list) {
        List<ApprovalStage> stages = new ArrayList<>();
        Map<String, Integer> firstStageOfGroup = new HashMap<>();
        for (Node item : nodes.sequence(list, "approvals")) {
            stages.add(stage(item, stages.size() + 1, firstStageOfGroup));
        }
        return stages;
    }

    private ApprovalStage stage(Node item, int number, Map<String, Integer> firstStageOfGroup) {
        String stage = "approval stage " + number;
        if (!(item instanceof MappingNode)) {
            throw nodes.error(item, stage + " must be a mapping such as {from: [groups], count: 1}; for a plain"
                    + " list of groups write approvers: [groups] with approvals: N");
        }
        Map<String, Node> entries = nodes.mapping(item, stage, STAGE_KEYS, List.of("from"));
        if (!entries.containsKey("count")) {
            throw nodes.error(item, stage + " is missing the required key 'count': how many distinct people"
                    + " from its groups must approve (at least 1; there is no default)");
        }
        Map<String, Node> groups = groups(entries.get("from"), "from", stage);
        int count = count(entries.get("count"), "count");
        boolean allowOverlap = entries.containsKey("allowOverlap")
                && nodes.bool(entries.get("allowOverlap"), "allowOverlap");
        boolean overlaps = false;
        for (Map.Entry<String, Node> group : groups.entrySet()) {
            Integer earlier = firstStageOfGroup.putIfAbsent(group.getKey(), number);
            if (earlier != null && !allowOverlap) {
                throw nodes.error(group.getValue(), "group '" + group.getKey() + "' also approves in stage "
                        + earlier + ": its members alone could then meet both stages (though no one person counts"
                        + " in both). Name a different group, or add allowOverlap: true to stage " + number
                        + " if you mean it");
            }
            overlaps |= earlier != null;
        }
        if (allowOverlap && !overlaps) {
            // A marker that allows nothing today would silently allow an overlap added later.
            throw nodes.error(entries.get("allowOverlap"), "allowOverlap: true, but " + stage + " shares no"
                    + " group with an earlier stage; remove it");
        }
        return new ApprovalStage(groups.keySet(), count, allowOverlap);
    }

    /** Each group with its entry, for errors that point at one. A repeat is likely a typo for another group. */
    private Map<String, Node> groups(Node node, String key, String where) {
        Map<String, Node> groups = new LinkedHashMap<>();
        for (Node item : nodes.sequence(node, key)) {
            String group = nodes.entry(item, key);
            if (groups.putIfAbsent(group, item) != null) {
                throw nodes.error(item, "group '" + group + "' is listed twice in " + where + "; a repeat adds nobody"
                        + " (was another group meant?)");
            }
        }
        return groups;
    }

    private int count(Node node, String key) {
        int count = nodes.integer(node, key);
        if (count < 1) {
            throw nodes.error(node, key + " must be at least 1, not " + count);
        }
        return count;
    }
}
