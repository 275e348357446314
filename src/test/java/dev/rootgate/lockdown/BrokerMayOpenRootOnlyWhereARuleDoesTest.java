package dev.rootgate.lockdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.policy.Account;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.PolicyParser;
import dev.rootgate.policy.TaskPolicy;

/**
 * The broker role's IAM policy, generated from the policy file, allows AssumeRoot on exactly the (account, task
 * policy) pairs some rule allows — evaluated as IAM would (an explicit deny wins, then an allow must match action,
 * resource and condition), not by comparing strings — and the committed files in deploy/aws are what the
 * generator makes from deploy/policy.example.yaml.
 */
class BrokerMayOpenRootOnlyWhereARuleDoesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("deploy/policy.example.yaml");
    private static final Path COMMITTED = Path.of("deploy/aws");

    @Test
    void theBrokerPolicyAllowsExactlyThePairsSomeRuleAllows() throws IOException {
        Policy policy = PolicyParser.parse(EXAMPLE.toString(), Files.readAllBytes(EXAMPLE));
        JsonNode broker = JSON.readTree(IamLockdown.files(policy).get("rootgate-broker-policy.json"));
        List<String> accounts = new ArrayList<>(policy.accounts().stream().map(Account::id).toList());
        accounts.add("999999999999"); // not in the catalog: never
        int allowed = 0;
        for (String account : accounts) {
            for (TaskPolicy taskPolicy : TaskPolicy.values()) {
                boolean ruleAllows = policy.account(account)
                        .map(a -> policy.rules().stream().anyMatch(rule -> rule.covers(taskPolicy, a))).orElse(false);
                assertEquals(ruleAllows, allows(broker, "sts:AssumeRoot", "arn:aws:iam::" + account + ":root",
                        taskPolicy.arn()), taskPolicy + " on " + account);
                allowed += ruleAllows ? 1 : 0;
            }
        }
        assertFalse(allowed == 0, "the example policy allows something");
        assertFalse(allows(broker, "iam:CreateUser", "*", null),
                "the broker role can do nothing but AssumeRoot and reading the trail");
        assertFalse(allows(broker, "cloudtrail:StopLogging", "*", null), "reading the trail is not changing it");
        assertTrue(allows(broker, "cloudtrail:LookupEvents", "*", null), "the detect poller reads the trail");
        assertFalse(allows(broker, "sts:AssumeRoot", "arn:aws:iam::" + accounts.get(0) + ":root", null),
                "AssumeRoot without a task policy condition value is never allowed");
    }

    @Test
    void theMemberAccountScpDeniesAssumeRootToAnyoneButTheBroker() throws IOException {
        JsonNode scp = JSON.readTree(IamLockdown.files(PolicyParser.parse(EXAMPLE.toString(),
                Files.readAllBytes(EXAMPLE))).get("scp-deny-assumeroot-from-members.json"));
        JsonNode deny = scp.path("Statement").get(0);
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("sts:AssumeRoot", deny.path("Action").asText());
        assertEquals(IamLockdown.BROKER_ROLE, deny.path("Condition").path("ArnNotLike").path("aws:PrincipalArn").asText());
    }

    @Test
    void theCommittedFilesAreWhatTheGeneratorMakesFromTheExamplePolicy() throws IOException {
        Map<String, String> generated = IamLockdown.files(PolicyParser.parse(EXAMPLE.toString(), Files.readAllBytes(EXAMPLE)));
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path committed = COMMITTED.resolve(file.getKey());
            assertEquals(JSON.readTree(file.getValue()), JSON.readTree(Files.readString(committed)),
                    committed + " drifted from " + EXAMPLE + ": regenerate it with the iam command (see deploy/aws/README.md)");
        }
    }

    @Test
    void theCommandWritesTheFilesAndRefusesAnInvalidPolicy() throws IOException {
        Path out = Files.createTempDirectory("iam");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        assertEquals(0, IamCommand.run(new String[] {"iam", EXAMPLE.toString(), out.toString()}, stream, stream));
        assertEquals(Files.readString(out.resolve("rootgate-broker-policy.json")),
                IamLockdown.files(PolicyParser.parse(EXAMPLE.toString(), Files.readAllBytes(EXAMPLE)))
                        .get("rootgate-broker-policy.json"));
        Path broken = Files.writeString(out.resolve("broken.yaml"), "rules: [");
        assertEquals(1, IamCommand.run(new String[] {"iam", broken.toString()}, stream, stream));
        assertEquals(2, IamCommand.run(new String[] {"iam"}, stream, stream));
    }

    /** IAM's evaluation for one request: an explicit deny wins; otherwise some allow must match it. */
    private static boolean allows(JsonNode document, String action, String resource, String taskPolicyArn) {
        boolean allowed = false;
        for (JsonNode statement : document.path("Statement")) {
            if (!matchesAction(statement, action) || !matchesResource(statement, resource)
                    || !matchesCondition(statement, taskPolicyArn)) {
                continue;
            }
            if ("Deny".equals(statement.path("Effect").asText())) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static boolean matchesAction(JsonNode statement, String action) {
        if (statement.has("NotAction")) {
            return !values(statement.path("NotAction")).contains(action);
        }
        return values(statement.path("Action")).contains(action);
    }

    private static boolean matchesResource(JsonNode statement, String resource) {
        return values(statement.path("Resource")).stream().anyMatch(pattern -> pattern.equals("*") || pattern.equals(resource));
    }

    private static boolean matchesCondition(JsonNode statement, String taskPolicyArn) {
        JsonNode condition = statement.path("Condition");
        if (condition.isMissingNode()) {
            return true;
        }
        JsonNode wanted = condition.path("StringEquals").path("sts:TaskPolicyArn");
        if (wanted.isMissingNode() || condition.size() != 1 || condition.path("StringEquals").size() != 1) {
            throw new AssertionError("a condition this evaluator does not know: " + condition);
        }
        return taskPolicyArn != null && values(wanted).contains(taskPolicyArn);
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
