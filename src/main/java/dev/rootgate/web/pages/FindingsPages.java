package dev.rootgate.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.rootgate.detect.DetectConfig;
import dev.rootgate.detect.FindingFilter;
import dev.rootgate.detect.FindingKind;
import dev.rootgate.detect.Findings;
import dev.rootgate.detect.Severity;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.problem.Problem;
import dev.rootgate.web.api.FindingParams;
import dev.rootgate.web.view.FindingView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The findings of detection, for auditors and admins: newest first, filtered by GET forms like the audit log, each
 * with its evidence; acknowledging is a POST form with the page's CSRF token and needs a fresh MFA login.
 */
@Path("/findings")
@Produces(MediaType.TEXT_HTML)
public class FindingsPages {

    @Inject
    CurrentCaller caller;
    @Inject
    Findings findings;
    @Inject
    PolicyService policies;
    @Inject
    Frames frames;
    @Inject
    MfaGate mfa;
    @Inject
    DetectConfig config;
    @Location("pages/findings.html")
    Template listPage;
    @Location("pages/finding.html")
    Template findingPage;

    /** Where the list is and where its newer and older pages are (null: none). */
    public record Paging(long total, long first, long last, String newer, String older) {
    }

    @GET
    public Response list(@BeanParam FindingParams params, @RestQuery String page) {
        Caller me = caller.get();
        TemplateInstance view = listPage.data("frame", frames.of(me)).data("filters", params)
                .data("severities", Arrays.stream(Severity.values()).map(Severity::name).toList())
                .data("kinds", Arrays.stream(FindingKind.values()).map(FindingKind::name).toList());
        try {
            FindingFilter filter = params.filter(page, null);
            Findings.Page found = findings.list(me, filter);
            List<FindingView> items = found.items().stream().map(f -> FindingView.of(f, policies.current())).toList();
            long first = (long) filter.page() * filter.size();
            Paging paging = new Paging(found.total(), items.isEmpty() ? 0 : first + 1, first + items.size(),
                    filter.page() > 0 ? query(params, filter.page() - 1) : null,
                    first + items.size() < found.total() ? query(params, filter.page() + 1) : null);
            return Response.ok(view.data("items", items).data("paging", paging).data("error", null)).build();
        } catch (InvalidInput invalid) {
            return Response.status(400).entity(view.data("items", List.of()).data("paging", null).data("error", invalid))
                    .build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance finding(@PathParam("id") long id) {
        return page(id, null);
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED) // only forms: the CSRF filter checks their token
    public Response acknowledge(@PathParam("id") long id, @RestForm String reason) {
        try {
            findings.acknowledge(caller.get(), id, reason);
            return RequestPages.seeOther("/findings/" + id);
        } catch (Problem problem) {
            Optional<Response> reauth = Reauth.ifMfa(problem, "/findings/" + id);
            if (reauth.isPresent()) {
                return reauth.get();
            }
            if (problem.status() == 403 || problem.status() == 404) {
                throw problem; // there is no finding page to show this caller: the error page says why
            }
            return Response.status(problem.status()).entity(page(id, problem)).build();
        }
    }

    private TemplateInstance page(long id, Problem problem) {
        Caller me = caller.get();
        FindingView finding = FindingView.of(findings.get(me, id), policies.current());
        long maxAgeSeconds = config.acknowledgeMfaMaxAge().toSeconds();
        return findingPage.data("frame", frames.of(me)).data("error", problem).data("finding", finding)
                .data("mfaFresh", mfa.isFresh(me, config.acknowledgeMfaMaxAge()))
                .data("maxAgeSeconds", maxAgeSeconds).data("maxAgeMinutes", maxAgeSeconds / 60);
    }

    private static String query(FindingParams params, int page) {
        List<String> parts = new ArrayList<>();
        add(parts, "severity", params.severity());
        add(parts, "kind", params.kind());
        add(parts, "acknowledged", params.acknowledged());
        parts.add("page=" + page);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
