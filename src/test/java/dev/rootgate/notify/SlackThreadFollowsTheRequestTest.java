package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Flows;
import dev.rootgate.support.Slack;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Over HTTP: rootgate's API on one side, the Slack simulator on the other. */
@QuarkusTest
class SlackThreadFollowsTheRequestTest {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "rootgate.base-url")
    String baseUrl;

    @Test
    void aNewRequestGoesToItsRulesChannelWithEverythingAnApproverNeedsAndALinkToItsPage() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = requester.api().body(Map.of("accountId", Flows.QUORUM, "taskPolicy", "IAMDeleteRootUserCredentials",
                        "justification", "leaked access key on the quorum account", "ticket", "INC-42"))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");

        JsonNode parent = Slack.parentOf(id);
        assertEquals("#root-quorum", parent.path("channel").asText(), "the rule's slackChannel");
        String shown = parent.path("blocks").toString();
        for (String expected : List.of("Requester: " + requester.subject(), "Account: quorum (777788889999)",
                "Task policy: IAMDeleteRootUserCredentials · HIGH risk", "iam:DeleteLoginProfile", "Ticket: INC-42",
                "Approvals needed: 3 from approvers", "Decide by: ", "leaked access key on the quorum account",
                "Status: PENDING · approvals 0 of 3")) {
            assertTrue(shown.contains(expected), expected + " in " + shown);
        }
        assertEquals(List.of(baseUrl + "/requests/" + id), links(parent), "one link: the request's page, no buttons that act");
        assertFalse(shown.contains("\"action_id\":\"approve"), "no deciding button");
    }

    @Test
    void aRuleWithoutItsOwnChannelUsesTheApprovalsChannelAndItsLinkOpensTheRequestPage() throws Exception {
        Browser alice = new Browser(base.toURI());
        Browser.Page form = alice.logIn(alice.get("/requests/new"), "alice", true);
        // The dev IdP's alice is one subject for every test: the one account and task policy no other test leaves open.
        Browser.Page created = alice.submit(form, "/requests", Map.of("accountId", Flows.ANY_ACCOUNT,
                "taskPolicy", "SQSUnlockQueuePolicy", "justification", "queue policy locks everyone out"));
        long id = Long.parseLong(created.uri().getPath().substring("/requests/".length()));

        JsonNode parent = Slack.parentOf(id);
        assertEquals("#root-approvals", parent.path("channel").asText());
        URI link = URI.create(links(parent).get(0));
        Browser bob = new Browser(base.toURI());
        Browser.Page page = bob.logIn(bob.get(link.getPath()), "bob", true);
        assertEquals(200, page.status());
        assertTrue(page.has("queue policy locks everyone out"), "the link opens the request's page: " + page.body());
        alice.submit(alice.get(created.uri().getPath()), created.uri().getPath() + "/cancel", Map.of());
    }

    @Test
    void everyLaterEventIsAReplyInOrderAndTheParentShowsStatusAndApprovals() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.request(requester, Flows.SANDBOX, "S3UnlockBucketPolicy");
        TestUser first = TestUser.approver();
        TestUser second = TestUser.approver();
        Flows.approve(first, id);
        Flows.approve(second, id);
        requester.api().post("/api/v1/requests/" + id + "/cancel").then().statusCode(200);

        JsonNode parent = Slack.parentOf(id);
        List<String> replies = Slack.replies(parent, 5).stream().map(m -> m.path("text").asText()).toList();
        assertEquals(5, replies.size(), replies.toString());
        assertTrue(replies.get(0).startsWith(first.subject() + " (" + first.subject() + ") approved (1 of 2 approvals)"),
                replies.get(0));
        assertTrue(replies.get(1).startsWith(second.subject() + " (" + second.subject() + ") approved (2 of 2"), replies.get(1));
        assertTrue(replies.get(2).startsWith("Approved. The requester can start the session until "), replies.get(2));
        assertTrue(replies.get(3).startsWith("Your request #" + id + " (S3UnlockBucketPolicy on sandbox) is approved. Start it"
                + " in rootgate before "), "Slack knows no user by the requester's email: told in the thread; " + replies);
        assertTrue(replies.get(4).startsWith("Cancelled by " + requester.subject()), replies.get(4));
        awaitParentText(parent, "Status: CANCELLED · approvals 2 of 2");
    }

    @Test
    void aStartedSessionIsReportedWithoutAnyCredential() throws Exception {
        TestUser requester = TestUser.engineer();
        long id = Flows.approvedAuditRequest(requester);
        Map<String, String> credentials = requester.api().post("/api/v1/requests/" + id + "/session")
                .then().statusCode(201).extract().jsonPath().getMap("");

        JsonNode parent = Slack.parentOf(id);
        List<JsonNode> replies = Slack.replies(parent, 4);
        assertTrue(replies.get(3).path("text").asText().startsWith("Session started by "), replies.toString());
        awaitParentText(parent, "Status: ACTIVE");
        String everything = Slack.messages().toString() + Slack.calls();
        for (String secret : List.of(credentials.get("secretAccessKey"), credentials.get("sessionToken"),
                credentials.get("accessKeyId"))) {
            assertFalse(everything.contains(secret), "no credential goes to Slack");
        }
    }

    @Test
    void typedNamesJustificationsAndCommentsArriveInertWithoutPingsOrSpoofedLinks() throws Exception {
        String evil = "<!channel> <!here> <!subteam^S0123|@oncall> <@U0BOSS> @here @everyone "
                + "<http://evil.example|Approve> & *bold* _it_ `code` ~gone~";
        TestUser requester = TestUser.engineer();
        long id = requester.api(requester.tokenWithClaims("{\"name\":\"<!channel> @here Mallory\"}"))
                .body(Map.of("accountId", Flows.ANY_ACCOUNT, "taskPolicy", "IAMAuditRootUserCredentials",
                        "justification", evil))
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath().getLong("id");
        TestUser approver = TestUser.approver();
        approver.api(approver.tokenWithClaims("{\"name\":\"<http://evil.example|Approve> @channel\"}"))
                .body(Map.of("decision", "DENY", "comment", evil))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(200);

        JsonNode parent = Slack.parentOf(id);
        List<JsonNode> thread = new java.util.ArrayList<>(Slack.replies(parent, 2));
        awaitParentText(parent, "Status: DENIED");
        thread.add(Slack.current(parent));
        for (JsonNode message : thread) {
            assertEquals("[]", message.path("pings").toString(), "nothing pings: " + message);
            assertTrue(links(message).isEmpty() || links(message).equals(List.of(baseUrl + "/requests/" + id)),
                    "no link but rootgate's: " + message);
        }
        String shown = Slack.current(parent).toString();
        assertTrue(shown.contains("&lt;!channel&gt; @\u2060here Mallory") && shown.contains("&lt;http://evil.example|Approve&gt;"),
                shown);
        assertTrue(thread.get(0).path("text").asText().contains("denied"), thread.get(0).toString());
    }

    @Test
    void theRequesterIsToldOfTheDecisionByDirectMessageWhenSlackKnowsTheirEmail() throws Exception {
        TestUser requester = TestUser.engineer();
        String userId = "U" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Slack.addUser(requester.subject() + "@example.com", userId);
        long id = Flows.request(requester, Flows.ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        TestUser approver = TestUser.approver();
        approver.api().body(Map.of("decision", "DENY", "comment", "not during the freeze"))
                .post("/api/v1/requests/" + id + "/decisions").then().statusCode(200);

        List<JsonNode> direct = Slack.await(m -> m.path("channelId").asText().equals("D" + userId.substring(1)), 1);
        assertEquals("Your request #" + id + " (IAMAuditRootUserCredentials on payments-prod) was denied: not during the"
                + " freeze", direct.get(0).path("text").asText());
        JsonNode parent = Slack.parentOf(id);
        awaitParentText(parent, "Status: DENIED");
        assertTrue(Slack.replies(parent, 2).stream().noneMatch(m -> m.path("text").asText().startsWith("Your request")),
                "told directly, not in the thread");
    }

    private static void awaitParentText(JsonNode parent, String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        String text = Slack.current(parent).path("text").asText();
        while (!text.contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            text = Slack.current(parent).path("text").asText();
        }
        assertTrue(text.contains(expected), expected + " in " + text);
    }

    static List<String> links(JsonNode message) {
        List<String> links = new java.util.ArrayList<>();
        message.path("links").forEach(link -> links.add(link.asText()));
        return links;
    }
}
