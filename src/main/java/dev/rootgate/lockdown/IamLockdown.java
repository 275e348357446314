package dev.rootgate.lockdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rootgate.policy.Account;
import dev.rootgate.policy.Policy;
import dev.rootgate.policy.TaskPolicy;

/**
 * The AWS side of the policy file: the broker role may call {@code sts:AssumeRoot} only on the catalog accounts
 * that some rule covers, and only with the task policies that rule allows there — nothing more, so that even a
 * compromised rootgate cannot open root where no rule would. Besides, it may read the trail ({@code
 * cloudtrail:LookupEvents}) for detection, and nothing else. Generated, never hand-edited: a test fails when the
 * files in {@code deploy/aws} drift from {@code deploy/policy.example.yaml}.
 */
public final class IamLockdown {

    static final String BROKER_ROLE = "arn:aws:iam::REPLACE_WITH_DELEGATED_ADMIN_ACCOUNT:role/rootgate-broker";
    static final String LOOKUP_EVENTS = "cloudtrail:LookupEvents";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IamLockdown() {
    }

    /** File name → JSON text, for every file this generates. */
    public static Map<String, String> files(Policy policy) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("rootgate-broker-policy.json", text(brokerPolicy(policy)));
        files.put("scp-deny-assumeroot-from-members.json", text(memberAccountsScp()));
        files.put("rootgate-broker-trust-policy.json", text(irsaTrustPolicy()));
        return files;
    }

    /** For each task policy, the accounts of the catalog on which some rule allows it. */
    static Map<TaskPolicy, SortedSet<String>> allowedPairs(Policy policy) {
        Map<TaskPolicy, SortedSet<String>> pairs = new LinkedHashMap<>();
        for (TaskPolicy taskPolicy : TaskPolicy.values()) {
            SortedSet<String> accounts = new TreeSet<>();
            for (Account account : policy.accounts()) {
                if (policy.rules().stream().anyMatch(rule -> rule.covers(taskPolicy, account))) {
                    accounts.add(account.id());
                }
            }
            if (!accounts.isEmpty()) {
                pairs.put(taskPolicy, accounts);
            }
        }
        return pairs;
    }

    static ObjectNode brokerPolicy(Policy policy) {
        List<ObjectNode> statements = new ArrayList<>();
        allowedPairs(policy).forEach((taskPolicy, accounts) -> {
            ObjectNode statement = statement((taskPolicy == TaskPolicy.IAMCreateRootUserPassword ? "BreakGlass" : "Allow")
                    + taskPolicy.name() + "WhereARuleDoes", "Allow");
            statement.put("Action", "sts:AssumeRoot");
            ArrayNode resources = statement.putArray("Resource");
            accounts.forEach(account -> resources.add("arn:aws:iam::" + account + ":root"));
            statement.putObject("Condition").putObject("StringEquals").put("sts:TaskPolicyArn", taskPolicy.arn());
            statements.add(statement);
        });
        // LookupEvents has no resource-level permissions and no condition keys: "*" is its narrowest grant. It
        // reads the trail only (the calling account's management events of one region), the detect poller's need.
        ObjectNode readTrail = statement("ReadTheTrailForDetection", "Allow");
        readTrail.put("Action", LOOKUP_EVENTS);
        readTrail.put("Resource", "*");
        statements.add(readTrail);
        ObjectNode denyRest = statement("DenyEverythingButAssumeRootAndReadingTheTrail", "Deny");
        denyRest.putArray("NotAction").add("sts:AssumeRoot").add(LOOKUP_EVENTS);
        denyRest.put("Resource", "*");
        statements.add(denyRest);
        return document(statements);
    }

    /** SCPs do not bind the management account: run the broker in the delegated administrator account. */
    static ObjectNode memberAccountsScp() {
        ObjectNode deny = statement("DenyAssumeRootToAllButTheRootgateBroker", "Deny");
        deny.put("Action", "sts:AssumeRoot");
        deny.put("Resource", "*");
        deny.putObject("Condition").putObject("ArnNotLike").put("aws:PrincipalArn", BROKER_ROLE);
        return document(List.of(deny));
    }

    /** IRSA: only rootgate's Kubernetes service account may become the broker role. */
    static ObjectNode irsaTrustPolicy() {
        String provider = "oidc.eks.REPLACE_WITH_REGION.amazonaws.com/id/REPLACE_WITH_OIDC_ID";
        ObjectNode trust = statement("OnlyRootgatesServiceAccount", "Allow");
        trust.putObject("Principal").put("Federated",
                "arn:aws:iam::REPLACE_WITH_DELEGATED_ADMIN_ACCOUNT:oidc-provider/" + provider);
        trust.put("Action", "sts:AssumeRoleWithWebIdentity");
        ObjectNode equals = trust.putObject("Condition").putObject("StringEquals");
        equals.put(provider + ":sub", "system:serviceaccount:rootgate:rootgate");
        equals.put(provider + ":aud", "sts.amazonaws.com");
        return document(List.of(trust));
    }

    private static ObjectNode statement(String sid, String effect) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", sid);
        statement.put("Effect", effect);
        return statement;
    }

    private static ObjectNode document(List<ObjectNode> statements) {
        ObjectNode document = JSON.createObjectNode();
        document.put("Version", "2012-10-17");
        document.putArray("Statement").addAll(statements);
        return document;
    }

    private static String text(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an IAM document cannot be written as JSON", e);
        }
    }
}
