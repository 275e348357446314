package dev.rootgate.ops;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.rootgate.broker.StsConfig;
import dev.rootgate.detect.DetectConfig;
import dev.rootgate.notify.SlackSettings;

/**
 * What rootgate is configured to talk to, as readiness details for whoever reads /q/health/ready: the STS
 * endpoint and where its credentials come from, whether CloudTrail detection and Slack are on. Only settings are
 * read: AssumeRoot is never called to find out (a probe must not open root sessions), and no secret is shown.
 * The database's own check comes with quarkus-agroal.
 */
@Readiness
@ApplicationScoped
public class ConfigurationReadiness implements HealthCheck {

    @Inject
    StsConfig sts;
    @Inject
    DetectConfig detect;
    @Inject
    SlackSettings slack;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rootgate configuration").up()
                .withData("sts.region", sts.region())
                .withData("sts.endpoint", sts.endpoint().map(Object::toString).orElse("regional"))
                .withData("sts.credentials", credentialsSource())
                .withData("cloudtrail.detection", detect.brokerPrincipalArn().isPresent() ? "on" : "off")
                .withData("slack.notifications", slack.enabled() ? "on" : "off")
                .withData("slack.alerts", slack.enabled() && slack.alertsConfigured() ? "on" : "off");
        return response.build();
    }

    /** Which of the AWS SDK's sources would sign the calls, named by the variables that select it (never their values). */
    private static String credentialsSource() {
        if (present("AWS_WEB_IDENTITY_TOKEN_FILE") && present("AWS_ROLE_ARN")) {
            return "web identity (IRSA)";
        }
        if (present("AWS_ACCESS_KEY_ID")) {
            return "environment";
        }
        return "default chain";
    }

    private static boolean present(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank()).isPresent();
    }
}
