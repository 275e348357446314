package dev.rootgate.broker;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.policy.TaskPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The AssumeRoot call. Its arguments come only from the approved request: the request's account as
 * TargetPrincipal, one of the five task-policy ARNs, and the rule's duration (at most 900 s).
 */
@ApplicationScoped
public class RootSessionBroker {

    static final int ATTEMPTS_WHEN_THROTTLED = 3;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    /** The longest a start waits between throttled attempts, in all. */
    static final Duration BACKOFF_TOTAL = Duration.ofMillis(FIRST_BACKOFF_MILLIS * ((1L << (ATTEMPTS_WHEN_THROTTLED - 1)) - 1));
    /** The shape of STS's own error codes (AccessDenied, RegionDisabledException…). */
    private static final Pattern AWS_ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]*");

    @Inject
    StsClient sts;
    @Inject
    MeterRegistry metrics;

    public IssuedCredentials assumeRoot(String accountId, TaskPolicy taskPolicy, int sessionSeconds)
            throws StsFailure.Refused, StsFailure.Unreachable, StsFailure.OutcomeUnknown {
        if (!accountId.matches("[0-9]{12}") || sessionSeconds < 1 || sessionSeconds > TaskPolicy.MAX_SESSION_SECONDS) {
            throw new IllegalArgumentException("refusing to call AssumeRoot with account " + accountId + " for " + sessionSeconds + " s");
        }
        for (int attempt = 1;; attempt++) {
            try {
                return timed(accountId, taskPolicy, sessionSeconds);
            } catch (StsFailure.Refused refused) {
                if (!refused.throttled() || attempt == ATTEMPTS_WHEN_THROTTLED) {
                    throw refused;
                }
                pause(FIRST_BACKOFF_MILLIS << (attempt - 1));
            }
        }
    }

    /**
     * rootgate_sts_assumeroot_seconds{taskPolicy, outcome}: every call sent (each throttled retry too), by outcome:
     * issued, refused, unreachable or unknown (a session may exist).
     */
    private IssuedCredentials timed(String accountId, TaskPolicy taskPolicy, int sessionSeconds)
            throws StsFailure.Refused, StsFailure.Unreachable, StsFailure.OutcomeUnknown {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "unknown";
        try {
            IssuedCredentials issued = call(accountId, taskPolicy, sessionSeconds);
            outcome = "issued";
            return issued;
        } catch (StsFailure.Refused e) {
            outcome = "refused";
            throw e;
        } catch (StsFailure.Unreachable e) {
            outcome = "unreachable";
            throw e;
        } finally {
            sample.stop(Timer.builder("rootgate.sts.assumeroot").description("AssumeRoot calls by outcome, and how long each took")
                    .tag("taskPolicy", taskPolicy.name()).tag("outcome", outcome).register(metrics));
        }
    }

    private IssuedCredentials call(String accountId, TaskPolicy taskPolicy, int sessionSeconds)
            throws StsFailure.Refused, StsFailure.Unreachable, StsFailure.OutcomeUnknown {
        try {
            AssumeRootResponse response = sts.assumeRoot(r -> r.targetPrincipal(accountId)
                    .taskPolicyArn(arn -> arn.arn(taskPolicy.arn()))
                    .durationSeconds(sessionSeconds));
            Credentials credentials = response.credentials();
            if (credentials == null) {
                throw new StsFailure.OutcomeUnknown("STS answered without credentials", null);
            }
            return new IssuedCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                    credentials.sessionToken(), credentials.expiration());
        } catch (AwsServiceException e) {
            // A 5xx, or an answer that is not STS's error shape (a proxy's page, an empty or mangled code), does not
            // prove that nothing was issued: only STS's own 4xx refusals, with a well-formed code, do.
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() >= 500 || e.statusCode() < 400 || code == null || !AWS_ERROR_CODE.matcher(code).matches()) {
                throw new StsFailure.OutcomeUnknown("STS answered HTTP " + e.statusCode()
                        + (code == null || code.isBlank() ? " without an error code" : " " + code), e);
            }
            String message = Objects.toString(e.awsErrorDetails().errorMessage(), "");
            throw new StsFailure.Refused(code, message, e.isThrottlingException(), e);
        } catch (SdkException e) {
            if (neverSent(e)) {
                throw new StsFailure.Unreachable("STS could not be reached: " + rootMessage(e), e);
            }
            throw new StsFailure.OutcomeUnknown("no answer from STS: " + rootMessage(e), e);
        }
    }

    private static void pause(long millis) throws StsFailure.Unreachable {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StsFailure.Unreachable("interrupted while STS was throttling", e);
        }
    }

    /** True only when the failure proves the request never left: no connection was ever made. */
    static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("connect timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
