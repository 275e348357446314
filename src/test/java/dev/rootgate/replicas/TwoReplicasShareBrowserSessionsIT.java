package dev.rootgate.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser's session is not kept in one JVM: a login begun on one replica completes on the other (the OIDC state
 * cookie), the session cookie opens pages on both, and a form rendered by one replica posts on the other (the CSRF
 * token) — the load balancer may send each step anywhere.
 */
class TwoReplicasShareBrowserSessionsIT {

    private static Deployment deployment;

    @BeforeAll
    static void start() {
        deployment = Deployment.shared();
    }

    @Test
    void aLoginBegunOnOneReplicaAndItsFormsContinueOnTheOther() {
        BalancedBrowser alice = new BalancedBrowser(deployment.a);
        BalancedBrowser.Page login = alice.get("/requests/new");
        assertEquals("/authorize", login.uri().getPath(), login.uri() + "\n" + login.body());

        BalancedBrowser.Page form = alice.via(deployment.b).logIn(login, "alice");
        assertEquals(200, form.status(), form.body());
        assertEquals("/requests/new", form.uri().getPath());
        assertTrue(form.has("name=\"csrf-token\""), form.body());

        BalancedBrowser.Page created = alice.via(deployment.a).submit(form, "/requests", Map.of("accountId", "444455556666",
                "taskPolicy", "S3UnlockBucketPolicy", "justification", "bucket policy locks everyone out"));
        assertEquals(200, created.status(), created.body());
        String path = created.uri().getPath();
        assertTrue(path.matches("/requests/\\d+"), path);

        BalancedBrowser.Page seen = alice.via(deployment.b).get(path);
        assertEquals(200, seen.status(), seen.body());
        assertTrue(seen.has("id=\"status\">PENDING"), seen.body());
        BalancedBrowser.Page cancelled = alice.via(deployment.a).submit(seen, path + "/cancel", Map.of());
        assertEquals(200, cancelled.status(), cancelled.body());
        assertTrue(cancelled.has("id=\"status\">CANCELLED"), cancelled.body());
    }
}
