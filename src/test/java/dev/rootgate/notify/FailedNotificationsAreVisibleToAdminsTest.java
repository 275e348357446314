package dev.rootgate.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.rootgate.audit.AuditEvent;
import dev.rootgate.support.DatabaseRoles;
import dev.rootgate.support.Sql;
import dev.rootgate.support.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A delivery that gave up stays visible to admins, who can put it back in line (audited); nobody else can. */
@QuarkusTest
class FailedNotificationsAreVisibleToAdminsTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Inject
    EntityManager em;

    @Test
    void adminsSeeAndRetryFailedDeliveriesOthersCannot() throws Exception {
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "INSERT INTO outbox (sink, kind, thread_key, payload, state, attempts, next_attempt_at, last_error,"
                        + " created_at) VALUES ('test-sink', 'test.kind', 'request-0', '{}', 'FAILED', 12, now(),"
                        + " 'channel_not_found', now()) RETURNING id").getSingleResult()).longValue());
        String admin = TestUser.in("admins").token();

        given().auth().oauth2(admin).redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/admin"));
        Response page = given().auth().oauth2(admin).get("/admin");
        page.then().statusCode(200).body(containsString("id=\"retry-" + id + "\""))
                .body(containsString("channel_not_found")).body(containsString("Notifications are"));
        String engineer = TestUser.engineer().token();
        given().auth().oauth2(engineer).get("/admin").then().statusCode(403);

        // The engineer's own form token (a form token is one person's): the form is genuine, the engineer no admin.
        Response engineersPage = given().auth().oauth2(engineer).get("/requests");
        Matcher engineersToken = CSRF.matcher(engineersPage.asString());
        engineersToken.find();
        given().auth().oauth2(engineer).redirects().follow(false).cookie("csrf-token", engineersPage.cookie("csrf-token"))
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", engineersToken.group(1))
                .post("/admin/notifications/" + id + "/retry").then().statusCode(403);
        assertEquals("FAILED", state(id));

        Matcher token = CSRF.matcher(page.asString());
        token.find();
        given().auth().oauth2(admin).redirects().follow(false).cookie("csrf-token", page.cookie("csrf-token"))
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", token.group(1))
                .post("/admin/notifications/" + id + "/retry").then().statusCode(303);
        assertEquals("PENDING", state(id));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> AuditEvent.count(
                "action = 'notification.retried' and details like ?1", "%\"notification\":" + id + "%")));
        // The test sink is not one this dispatcher knows, so the row waits: nothing else picks it up. rootgate's own
        // role never deletes from the outbox; the schema owner clears the test's row.
        Sql.execute(DatabaseRoles.owner(), "DELETE FROM outbox WHERE id = " + id);
    }

    private String state(long id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT state FROM outbox WHERE id = ?1").setParameter(1, id).getSingleResult());
    }
}
