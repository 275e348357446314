package dev.rootgate.web.api;

import java.time.Clock;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.rootgate.audit.ChainVerification;
import dev.rootgate.audit.CheckpointKey;
import dev.rootgate.audit.EventHistory;
import dev.rootgate.audit.ExportWriter;
import dev.rootgate.audit.HistoryFilter;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.oversight.AuditOversight;
import dev.rootgate.oversight.ExportRequest;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.support.Ed25519Keys;
import dev.rootgate.web.view.AuditEventView;

@Path("/api/v1/audit")
public class AuditResource {

    @Inject
    CurrentCaller caller;
    @Inject
    AuditOversight oversight;
    @Inject
    ExportWriter writer;
    @Inject
    Clock clock;
    @Inject
    CheckpointKey checkpointKey;
    @Inject
    PolicyService policies;

    /** The filters every audit endpoint takes, by the same names. */
    public static class Filters {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("account")
        String account;
        @QueryParam("actor")
        String actor;
        @QueryParam("action")
        String action;
        @QueryParam("taskPolicy")
        String taskPolicy;
        @QueryParam("request")
        String request;
        @QueryParam("outcome")
        String outcome;
        @QueryParam("reason")
        String reason;

        public AuditParams params() {
            return new AuditParams(from, to, account, actor, action, taskPolicy, request, outcome, reason);
        }
    }

    /** A page of the history, newest first. */
    public record EventsPage(List<AuditEventView> items, int page, int size, long total) {
    }

    /** The key that signs checkpoints, in the forms the offline verifier and openssl take. */
    public record PublicKeyView(String algorithm, String publicKey, String pem) {
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainVerification verify() {
        return oversight.verify(caller.get());
    }

    @GET
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public EventsPage events(@BeanParam Filters filters, @QueryParam("page") String page, @QueryParam("size") String size) {
        oversight.requireOverseer(caller.get(), "audit.events");
        HistoryFilter filter = filters.params().history(page, size);
        EventHistory.Page found = oversight.history(caller.get(), filter);
        return new EventsPage(found.items().stream().map(e -> AuditEventView.of(e, policies.current())).toList(),
                filter.page(), filter.size(), found.total());
    }

    /** Public by nature: anyone signed in may fetch it to check a checkpoint they were given. */
    @GET
    @Path("public-key")
    @Produces(MediaType.APPLICATION_JSON)
    public PublicKeyView publicKey() {
        return new PublicKeyView(Ed25519Keys.ALGORITHM, checkpointKey.publicKeyBase64(), checkpointKey.publicKeyPem());
    }

    @GET
    @Path("export")
    public Response export(@QueryParam("format") String format, @BeanParam Filters filters) {
        oversight.requireOverseer(caller.get(), "audit.export");
        ExportRequest wanted = filters.params().export(format, clock.instant());
        return AuditDownload.of(wanted, oversight.export(caller.get(), wanted), writer);
    }
}
