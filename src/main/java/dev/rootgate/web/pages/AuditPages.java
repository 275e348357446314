package dev.rootgate.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import dev.rootgate.audit.EventHistory;
import dev.rootgate.audit.ExportWriter;
import dev.rootgate.audit.HistoryFilter;
import dev.rootgate.detect.Findings;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.oversight.AuditOversight;
import dev.rootgate.oversight.ExportRequest;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.web.api.AuditDownload;
import dev.rootgate.web.api.AuditParams;
import dev.rootgate.web.api.AuditResource;
import dev.rootgate.web.view.AuditEventView;
import dev.rootgate.web.view.TrendsView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The auditor's page: the whole history, newest first, filtered by the same parameters as the API (so a filtered
 * page's download holds what the page shows, within the chain's span of its time range), the chain's state and a
 * button to verify it.
 * Filters are GET forms; verifying is a POST form with the page's CSRF token, since it writes an audit event.
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    @Inject
    CurrentCaller caller;
    @Inject
    AuditOversight oversight;
    @Inject
    ExportWriter writer;
    @Inject
    PolicyService policies;
    @Inject
    Frames frames;
    @Inject
    Findings findings;
    @Inject
    Clock clock;
    private static final int TREND_WEEKS = 12;

    @Location("pages/audit.html")
    Template auditPage;

    /** Where the page is and where its previous and next pages are (null: none). */
    public record Paging(int page, int size, long total, long first, long last, String previous, String next) {
    }

    @GET
    public Response history(@BeanParam AuditResource.Filters filters, @RestQuery String page) {
        Caller me = caller.get();
        AuditParams params = filters.params();
        ChainState chain = ChainState.of(oversight.lastVerification(me));
        long openAlerts = findings.openAlerts(me);
        TemplateInstance view = auditPage.data("frame", frames.of(me)).data("filters", params).data("chain", chain)
                .data("taskPolicies", Arrays.stream(TaskPolicy.values()).map(TaskPolicy::name).toList())
                .data("outcomes", Arrays.stream(HistoryFilter.Outcome.values()).map(o -> o.name().toLowerCase()).toList())
                .data("query", query(params, null)).data("openAlerts", openAlerts)
                .data("trends", TrendsView.of(oversight.trends(me, TREND_WEEKS)));
        try {
            HistoryFilter filter = params.history(page, null);
            EventHistory.Page found = oversight.history(me, filter);
            List<AuditEventView> items = found.items().stream().map(e -> AuditEventView.of(e, policies.current())).toList();
            long first = (long) filter.page() * filter.size();
            Paging paging = new Paging(filter.page(), filter.size(), found.total(), items.isEmpty() ? 0 : first + 1,
                    first + items.size(), filter.page() > 0 ? query(params, filter.page() - 1) : null,
                    first + items.size() < found.total() ? query(params, filter.page() + 1) : null);
            return Response.ok(view.data("items", items).data("paging", paging).data("error", null)).build();
        } catch (InvalidInput invalid) {
            return Response.status(400).entity(view.data("items", List.of()).data("paging", null).data("error", invalid))
                    .build();
        }
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED) // only forms: the CSRF filter checks their token
    public Response verifyNow() {
        oversight.verify(caller.get());
        return RequestPages.seeOther("/audit");
    }

    /** The download buttons: the API's export, for a browser's session (the API itself takes bearer tokens only). */
    @GET
    @Path("export")
    public Response export(@RestQuery String format, @BeanParam AuditResource.Filters filters) {
        oversight.requireOverseer(caller.get(), "audit.export");
        ExportRequest wanted = filters.params().export(format, clock.instant());
        return AuditDownload.of(wanted, oversight.export(caller.get(), wanted), writer);
    }

    /** The filters as a query string (and a page, when given), for links that keep them. */
    static String query(AuditParams params, Integer page) {
        List<String> parts = new ArrayList<>();
        add(parts, "from", params.from());
        add(parts, "to", params.to());
        add(parts, "account", params.account());
        add(parts, "actor", params.actor());
        add(parts, "action", params.action());
        add(parts, "taskPolicy", params.taskPolicy());
        add(parts, "request", params.request());
        add(parts, "outcome", params.outcome());
        add(parts, "reason", params.reason());
        if (page != null) {
            parts.add("page=" + page);
        }
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
