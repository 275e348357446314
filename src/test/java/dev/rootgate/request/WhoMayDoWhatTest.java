package dev.rootgate.request;

import static dev.rootgate.request.CoreFixtures.LEAD;
import static dev.rootgate.request.CoreFixtures.OUTSIDER;
import static dev.rootgate.request.CoreFixtures.REQUESTER;
import static dev.rootgate.request.CoreFixtures.SECURITY;
import static dev.rootgate.request.CoreFixtures.core;
import static dev.rootgate.request.CoreFixtures.request;
import static dev.rootgate.request.CoreFixtures.situation;
import static dev.rootgate.request.CoreFixtures.withGroups;
import static dev.rootgate.request.CoreFixtures.withMfaAge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rootgate.identity.Caller;

/**
 * Who may do what in each state, as the request core answers it for pages and the API: "yes" (allowed now),
 * "mfa" (allowed after a fresh multi-factor login) or the refusal a try would get. No Quarkus, no database.
 */
class WhoMayDoWhatTest {

    static Stream<Arguments> rows() {
        RequestCore.Situation pending = situation(request(RequestStatus.PENDING));
        RequestCore.Situation approved = situation(request(RequestStatus.APPROVED), SECURITY, LEAD);
        return Stream.of(
                arguments("a requester may cancel a pending request but not decide on it",
                        pending, REQUESTER, "self_approval", "not_approved", "yes"),
                arguments("a request back in pending whose quorum is met again may be started",
                        situation(request(RequestStatus.PENDING), SECURITY, LEAD), REQUESTER, "self_approval", "yes",
                        "yes"),
                arguments("a requester who is also an approver still cannot approve their own request",
                        pending, withGroups(REQUESTER, "engineers", "sec"), "self_approval", "not_approved", "yes"),
                arguments("an approver may decide a pending request, nothing else",
                        pending, SECURITY, "yes", "not_requester", "not_requester"),
                arguments("an approver with a stale login decides after logging in again",
                        pending, withMfaAge(SECURITY, Duration.ofMinutes(20)), "mfa:mfa_stale", "not_requester", "not_requester"),
                arguments("someone in no approver group decides nothing",
                        pending, OUTSIDER, "not_an_approver", "not_requester", "not_requester"),
                arguments("an approver decides once",
                        situation(request(RequestStatus.PENDING), SECURITY), SECURITY, "already_decided",
                        "not_requester", "not_requester"),
                arguments("the requester starts an approved request, or cancels it",
                        approved, REQUESTER, "self_approval", "yes", "yes"),
                arguments("starting needs a fresher login than requesting",
                        approved, withMfaAge(REQUESTER, Duration.ofMinutes(10)), "self_approval", "mfa:mfa_stale", "yes"),
                arguments("an approved request takes no more decisions",
                        approved, CoreFixtures.OTHER_SECURITY, "not_pending", "not_requester", "not_requester"),
                arguments("a requester who left the requester groups can no longer start",
                        approved, withGroups(REQUESTER, "marketing"), "self_approval", "requester_no_longer_eligible",
                        "yes"),
                arguments("an approval from someone who left the approver groups no longer counts at start",
                        situation(request(RequestStatus.APPROVED), SECURITY, withGroups(LEAD, "marketing")), REQUESTER,
                        "self_approval", "approver_no_longer_eligible", "yes"),
                arguments("a claimed start cannot be started or cancelled again",
                        situation(request(RequestStatus.STARTING), SECURITY, LEAD), REQUESTER, "self_approval",
                        "already_started", "not_cancellable"),
                arguments("an active session is started once",
                        situation(request(RequestStatus.ACTIVE), SECURITY, LEAD), REQUESTER, "self_approval",
                        "already_started", "not_cancellable"),
                arguments("an interrupted start is never retried",
                        situation(request(RequestStatus.INTERRUPTED), SECURITY, LEAD), REQUESTER, "self_approval",
                        "already_started", "not_cancellable"),
                arguments("a denied request is final",
                        situation(request(RequestStatus.DENIED)), REQUESTER, "self_approval", "not_approved",
                        "not_cancellable"),
                arguments("an expired request is final",
                        situation(request(RequestStatus.EXPIRED)), SECURITY, "not_pending", "not_requester",
                        "not_requester"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void allowedActions(String rule, RequestCore.Situation situation, Caller caller, String decide, String start,
            String cancel) {
        Allowed allowed = core().allowedActions(situation, caller);
        assertEquals(decide + " " + start + " " + cancel,
                answer(allowed.decide()) + " " + answer(allowed.start()) + " " + answer(allowed.cancel()), rule);
    }

    private static String answer(Allowed.Permission permission) {
        return permission.allowed() ? "yes" : permission.needsFreshMfa() ? "mfa:" + permission.refusal() : permission.refusal();
    }
}
