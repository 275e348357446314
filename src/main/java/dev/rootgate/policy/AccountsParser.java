package dev.rootgate.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the account catalog: the only accounts anyone can request a root session on. */
final class AccountsParser {

    private static final List<String> KEYS = List.of("id", "name", "ou", "tags");
    // Every member account sits in an OU (or the organization root), and rules select by OU, so it is required.
    private static final List<String> REQUIRED_KEYS = List.of("id", "name", "ou");

    private final YamlNodes nodes;

    AccountsParser(YamlNodes nodes) {
        this.nodes = nodes;
    }

    List<Account> parse(Node node) {
        List<Account> accounts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Node item : nodes.sequence(node, "accounts")) {
            Map<String, Node> entries = nodes.mapping(item, "an account", KEYS, REQUIRED_KEYS);
            String id = accountId(entries.get("id"));
            if (!ids.add(id)) {
                throw nodes.error(entries.get("id"), "duplicate account id '" + id + "'");
            }
            String name = nodes.string(entries.get("name"), "name");
            // Approvers recognise accounts by name; two accounts with one name would let one pass for the other.
            if (!names.add(name)) {
                throw nodes.error(entries.get("name"), "duplicate account name '" + name + "'");
            }
            accounts.add(new Account(id, name, nodes.string(entries.get("ou"), "ou"), tags(entries.get("tags"))));
        }
        return accounts;
    }

    private String accountId(Node node) {
        String id = nodes.string(node, "id");
        if (!AccountSelector.ACCOUNT_ID.matcher(id).matches()) {
            throw nodes.error(node, "account id must be 12 digits (quote it: \"012345678901\"), not '" + id + "'");
        }
        return id;
    }

    private List<String> tags(Node node) {
        if (node == null) {
            return List.of();
        }
        return nodes.sequenceOrEmpty(node, "tags").stream().map(tag -> nodes.entry(tag, "tags")).toList();
    }
}
