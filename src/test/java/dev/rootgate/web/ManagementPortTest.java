package dev.rootgate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Metrics and health are for probes and scrapers on the management port, which is never routed to users; on the
 * main port neither they nor the OpenAPI document are served to anyone who has not signed in.
 */
@QuarkusTest
class ManagementPortTest {

    // Relative to the management root, /q.
    @TestHTTPResource(value = "/health", management = true)
    URL health;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void metricsHealthAndOpenApiAreNotReadableOnTheMainPortWithoutLogin() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/openapi.json" }) {
            given().redirects().follow(false).get(path).then().statusCode(not(200))
                    .body(not(containsString("rootgate_sessions"))).body(not(containsString("/api/v1/")));
        }
    }

    @Test
    void healthAndMetricsAreOnTheManagementPort() {
        given().get(health).then().statusCode(200).body(containsString("\"UP\""));
        given().get(metrics).then().statusCode(200).body(containsString("http_server_requests"));
    }
}
