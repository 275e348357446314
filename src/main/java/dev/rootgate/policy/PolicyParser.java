package dev.rootgate.policy;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns the policy file into a {@link Policy}, or refuses it with the file, the line and the reason.
 * Only SnakeYAML's node tree is used: the file never gets to choose which Java objects are built.
 */
public final class PolicyParser {

    private static final List<String> KEYS = List.of("accounts", "roles", "defaults", "rules");
    private static final List<String> REQUIRED_KEYS = List.of("accounts", "rules");
    private static final List<String> ROLE_KEYS = List.of("auditors", "admins");

    private PolicyParser() {
    }

    public static Policy parse(String sourceName, byte[] yaml) throws PolicyException {
        YamlNodes nodes = new YamlNodes(sourceName);
        Node root = compose(nodes, yaml);
        if (root == null) {
            throw nodes.error(1, "the policy file is empty; it needs at least 'accounts' and 'rules'");
        }
        if (!(root instanceof MappingNode)) {
            throw nodes.error(1, "the policy file must be a mapping with the keys " + String.join(", ", KEYS));
        }
        Map<String, Node> entries = nodes.mapping(root, "the policy file", KEYS, REQUIRED_KEYS);
        List<Account> accounts = new AccountsParser(nodes).parse(entries.get("accounts"));
        Map<String, Node> roles = entries.containsKey("roles")
                ? nodes.mapping(entries.get("roles"), "roles", ROLE_KEYS, List.of())
                : Map.of();
        Defaults defaults = entries.containsKey("defaults")
                ? Defaults.BUILT_IN.overriddenBy(
                        nodes.mapping(entries.get("defaults"), "defaults", Defaults.KEYS, List.of()), nodes)
                : Defaults.BUILT_IN;
        List<Rule> rules = new RuleParser(nodes, accounts, defaults).parse(entries.get("rules"));
        return new Policy(accounts, groups(roles, "auditors", nodes), groups(roles, "admins", nodes), rules,
                sha256(yaml));
    }

    private static Node compose(YamlNodes nodes, byte[] yaml) {
        String text = decodeUtf8(nodes, yaml);
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
            if (problem.contains("alias")) {
                problem += "; an unquoted * starts a YAML alias, so write the all-accounts selector as \"*\"";
            }
            throw nodes.error(mark == null ? 1 : mark.getLine() + 1, "not valid YAML: " + problem);
        } catch (ReaderException e) {
            throw nodes.error(lineOfCodePoint(text, e.getPosition()), "not valid YAML: " + e.getMessage());
        } catch (YAMLException e) {
            throw nodes.error(1, "not valid YAML: " + e.getMessage());
        }
    }

    /** Strict, so that a stray byte is reported instead of silently becoming U+FFFD inside a group name. */
    private static String decodeUtf8(YamlNodes nodes, byte[] yaml) {
        ByteBuffer bytes = ByteBuffer.wrap(yaml);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw nodes.error(lineOfByte(yaml, bytes.position()), "not valid UTF-8");
        }
    }

    private static int lineOfByte(byte[] yaml, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < yaml.length; i++) {
            if (yaml[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOfCodePoint(String text, int codePoint) {
        int end = text.offsetByCodePoints(0, Math.min(codePoint, text.codePointCount(0, text.length())));
        return (int) text.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
    }

    private static Set<String> groups(Map<String, Node> roles, String key, YamlNodes nodes) {
        Set<String> groups = new LinkedHashSet<>();
        if (roles.containsKey(key)) {
            nodes.sequenceOrEmpty(roles.get(key), key).forEach(item -> groups.add(nodes.entry(item, key)));
        }
        return groups;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException everyJavaPlatformHasSha256) {
            throw new IllegalStateException(everyJavaPlatformHasSha256);
        }
    }
}
