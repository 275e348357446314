package dev.rootgate.web.pages;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.rootgate.approval.ApprovalService;
import dev.rootgate.broker.SessionService;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.policy.Account;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.Problem;
import dev.rootgate.request.Allowed;
import dev.rootgate.request.NewRequest;
import dev.rootgate.request.RequestCore;
import dev.rootgate.request.RequestReads;
import dev.rootgate.request.RequestService;
import dev.rootgate.request.RequestStore;
import dev.rootgate.web.view.RequestView;
import dev.rootgate.web.view.RequestViews;
import dev.rootgate.web.view.TaskPolicyView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** The browser pages. They call the same services as the JSON API; they only translate forms and outcomes. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RequestPages {

    @Inject
    CurrentCaller caller;
    @Inject
    RequestService requests;
    @Inject
    RequestStore store;
    @Inject
    ApprovalService approvals;
    @Inject
    SessionService sessions;
    @Inject
    RequestViews views;
    @Inject
    PolicyService policies;
    @Inject
    Frames frames;
    @Inject
    MfaGate mfa;

    @Location("pages/new.html")
    Template newPage;
    @Location("pages/detail.html")
    Template detailPage;
    @Location("pages/credentials.html")
    Template credentialsPage;

    /** What the requester typed, sent back with an error so nothing has to be typed twice. */
    public record FormValues(String accountId, String taskPolicy, String justification, String ticket) {
    }

    /** What the signed-in user may do on a request's page, as the request core answered it. */
    public record Actions(boolean decide, boolean cancel, boolean start, boolean decideMfaFresh, boolean startMfaFresh,
            long decideMaxAgeSeconds, long startMaxAgeSeconds, String myVerdict) {
        static Actions of(Allowed allowed, String myVerdict) {
            return new Actions(allowed.decide().offered(), allowed.cancel().offered(), allowed.start().offered(),
                    allowed.decide().allowed(), allowed.start().allowed(), maxAgeSeconds(allowed.decide()),
                    maxAgeSeconds(allowed.start()), myVerdict);
        }

        private static long maxAgeSeconds(Allowed.Permission permission) {
            return permission.needsFreshMfa() ? permission.mfaMaxAgeSeconds() : 0;
        }

        /** Which forms the page shows: the live page replaces them only when this changes, never while typed into. */
        public String signature() {
            return (decide ? "decide" + (decideMfaFresh ? "+mfa" : "") : "") + "," + (cancel ? "cancel" : "") + ","
                    + (start ? "start" + (startMfaFresh ? "+mfa" : "") : "") + "," + (myVerdict == null ? "" : myVerdict);
        }

        public long decideMaxAgeMinutes() {
            return decideMaxAgeSeconds / 60;
        }

        public long startMaxAgeMinutes() {
            return startMaxAgeSeconds / 60;
        }
    }

    @GET
    public Response home() {
        Caller me = caller.get();
        PageFrame frame = frames.of(me);
        if (frame.requester()) {
            return seeOther("/requests");
        }
        if (frame.approver()) {
            return seeOther("/approvals");
        }
        if (frame.admin()) {
            return seeOther("/admin");
        }
        return seeOther(frame.overseer() ? "/audit" : "/requests");
    }

    @GET
    @Path("requests/new")
    public TemplateInstance newRequest(@RestQuery String accountId, @RestQuery String taskPolicy) {
        FormValues values = new FormValues(nonNull(accountId), nonNull(taskPolicy), "", "");
        return newForm(values, FieldErrors.none());
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String accountId, @RestForm String taskPolicy, @RestForm String justification,
            @RestForm String ticket) {
        FormValues values = new FormValues(nonNull(accountId), nonNull(taskPolicy), nonNull(justification), nonNull(ticket));
        try {
            RequestReads.Detail created = requests.create(caller.get(),
                    new NewRequest(accountId, taskPolicy, justification, ticket));
            return seeOther("/requests/" + created.request().id);
        } catch (Problem problem) {
            return Reauth.ifMfa(problem, "/requests/new")
                    .orElseGet(() -> page(problem.status(), newForm(values, FieldErrors.of(problem))));
        }
    }

    @GET
    @Path("requests/{id}")
    public TemplateInstance detail(@PathParam("id") long id) {
        return detailOf(id, null);
    }

    /**
     * The request page's live part: what it polls to learn that something changed, so that approvals show as they
     * arrive.
     */
    @GET
    @Path("requests/{id}/state")
    @Produces(MediaType.APPLICATION_JSON)
    public LiveState state(@PathParam("id") long id) {
        return LiveState.of(views.detail(caller.get(), id));
    }

    @POST
    @Path("requests/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") long id, @RestForm String decision, @RestForm String comment) {
        return act(id, () -> approvals.decide(caller.get(), id, decision, comment));
    }

    @POST
    @Path("requests/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED) // only forms: the CSRF filter checks their token
    public Response cancel(@PathParam("id") long id) {
        return act(id, () -> requests.cancel(caller.get(), id));
    }

    @POST
    @Path("requests/{id}/session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED) // only forms: the CSRF filter checks their token
    public Response start(@PathParam("id") long id) {
        RequestView before = views.detail(caller.get(), id);
        if (before.startedAt() != null && caller.get().subject().equals(before.requester())) {
            // A reload re-posts the form: say what happened, and do not try (or audit) a second start.
            return page(409, detailPage(before, null).data("shownOnce", true));
        }
        try {
            SessionService.Started started = sessions.start(caller.get(), id);
            // Built from memory only: once the session exists, nothing may stand between it and its page.
            TemplateInstance page = credentialsPage.data("frame", frames.of(caller.get())).data("error", null)
                    .data("request", RequestView.summary(started.request(), policies.current(), started.request().approvalsRequired))
                    .data("credentials", started.credentials());
            // Shown once: never cached, never stored; a reload re-posts and gets 409.
            return Response.ok(page).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
        } catch (Problem problem) {
            return Reauth.ifMfa(problem, "/requests/" + id)
                    .orElseGet(() -> page(problem.status(), detailOf(id, problem)));
        }
    }

    private Response act(long id, Runnable action) {
        try {
            action.run();
            return seeOther("/requests/" + id);
        } catch (Problem problem) {
            return Reauth.ifMfa(problem, "/requests/" + id)
                    .orElseGet(() -> page(problem.status(), detailOf(id, problem)));
        }
    }

    /** A task policy on the form, with the accounts the caller's groups may request it on (none: shown disabled). */
    public record PolicyChoice(TaskPolicyView policy, List<String> accountNames) {
        public boolean available() {
            return !accountNames.isEmpty();
        }
    }

    /** An account on the form, with the task policies the caller may request on it (for narrowing the list). */
    public record AccountChoice(Account account, String taskPolicies) {
    }

    /**
     * Whether the caller's login is fresh enough to request under the strictest rule open to them: the form says so
     * before they type, and offers the re-login (what they typed is kept in the tab meanwhile).
     */
    public record MfaNotice(boolean needed, boolean missing, long maxAgeMinutes, long maxAgeSeconds) {
    }

    private TemplateInstance newForm(FormValues values, FieldErrors errors) {
        Caller me = caller.get();
        RequestCore core = store.core();
        Map<TaskPolicy, List<Account>> requestable = core.requestable(me);
        List<PolicyChoice> choices = requestable.entrySet().stream()
                .map(entry -> new PolicyChoice(TaskPolicyView.of(entry.getKey()),
                        entry.getValue().stream().map(Account::name).toList()))
                .toList();
        List<AccountChoice> accounts = policies.current().accounts().stream()
                .map(account -> new AccountChoice(account, requestable.entrySet().stream()
                        .filter(entry -> entry.getValue().contains(account)).map(entry -> entry.getKey().name())
                        .collect(Collectors.joining(" "))))
                .toList();
        MfaNotice mfaNotice = core.requestMfaMaxAge(me)
                .map(maxAge -> new MfaNotice(!mfa.isFresh(me, maxAge), !mfa.multiFactor(me), maxAge.toMinutes(),
                        maxAge.toSeconds()))
                .orElse(new MfaNotice(false, false, 0, 0));
        return newPage.data("frame", frames.of(me)).data("error", errors.banner()).data("fieldErrors", errors.byField())
                .data("values", values).data("accounts", accounts).data("taskPolicies", choices)
                .data("canRequest", choices.stream().anyMatch(PolicyChoice::available)).data("mfa", mfaNotice);
    }

    private TemplateInstance detailOf(long id, Problem error) {
        return detailPage(views.detail(caller.get(), id), error).data("shownOnce", false);
    }

    private TemplateInstance detailPage(RequestView view, Problem error) {
        Caller me = caller.get();
        String myVerdict = view.decisions().stream().filter(d -> d.approver().equals(me.subject()))
                .map(RequestView.DecisionView::decision).findFirst().orElse(null);
        return detailPage.data("frame", frames.of(me)).data("error", error).data("request", view)
                .data("actions", Actions.of(view.allowedActions(), myVerdict)).data("live", LiveState.of(view));
    }

    /**
     * A Location of this site's path alone (RFC 9110 allows it), which the browser resolves against the address it
     * used: JAX-RS would make it absolute with the scheme the request arrived on, which behind a proxy that ends
     * TLS is http.
     */
    static Response seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, path).build();
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML).build();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
