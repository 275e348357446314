package dev.rootgate.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.rootgate.identity.Caller;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.RecordsRefusals;
import dev.rootgate.request.AccessRequest;
import dev.rootgate.request.Decision;
import dev.rootgate.request.Lifecycle;
import dev.rootgate.request.RequestCore;
import dev.rootgate.request.RequestStore;
import dev.rootgate.request.Verdict;

/**
 * Recording a decision: the input checked field by field, then the request locked, {@link RequestCore#decide}
 * asked, and its answer written — the vote, its event, and the move it settles (a deny, a met quorum).
 */
@ApplicationScoped
@RecordsRefusals
public class ApprovalService {

    static final int COMMENT_MAX = 2000;

    @Inject
    RequestStore store;
    @Inject
    Lifecycle lifecycle;

    @Transactional
    public AccessRequest decide(Caller caller, long requestId, String verdictText, String commentText) {
        Verdict verdict = validVerdict(verdictText);
        String comment = validComment(verdict, commentText);

        RequestCore.Situation situation = store.lockVisible(caller, requestId, "decide");
        RequestCore core = store.core();
        RequestCore.Decided decided = core.decide(situation, caller, verdict, comment);
        AccessRequest request = situation.request();

        Decision decision = new Decision();
        decision.requestId = request.id;
        decision.approverSubject = caller.subject();
        decision.approverName = caller.name();
        decision.approverUsername = caller.username();
        decision.approverGroups = caller.groups();
        decision.verdict = verdict;
        decision.comment = comment;
        decision.decidedAt = core.now();
        decision.sourceIp = caller.sourceIp();
        decision.mfaMethods = caller.mfa().methodsText();
        decision.mfaAuthTime = caller.mfa().authTime().orElseThrow();
        decision.persist();
        lifecycle.apply(request, decided.outcome(), caller.actor());
        return request;
    }

    /**
     * Exactly {@code APPROVE} or {@code DENY}, from the page's buttons and the API alike: the one spelling every
     * reader of the audit log, Slack and the exports sees, with no case folding or trimming to differ on.
     */
    private static Verdict validVerdict(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInput("decision", "is required: APPROVE or DENY");
        }
        for (Verdict verdict : Verdict.values()) {
            if (verdict.name().equals(text)) {
                return verdict;
            }
        }
        throw new InvalidInput("decision", "must be exactly APPROVE or DENY (upper case, nothing around it)");
    }

    private static String validComment(Verdict verdict, String text) {
        String comment = text == null ? "" : text.strip();
        if (comment.codePointCount(0, comment.length()) > COMMENT_MAX) {
            throw new InvalidInput("comment", "at most " + COMMENT_MAX + " characters");
        }
        if (verdict == Verdict.DENY && comment.isEmpty()) {
            throw new InvalidInput("comment", "a deny needs a reason the requester can read");
        }
        return InvalidInput.plainText("comment", comment);
    }
}
