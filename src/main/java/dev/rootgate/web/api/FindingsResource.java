package dev.rootgate.web.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.rootgate.detect.FindingFilter;
import dev.rootgate.detect.Findings;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.web.view.FindingView;

/** Detection's findings for auditors and admins, newest first, and their acknowledgement. */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    @Inject
    CurrentCaller caller;
    @Inject
    Findings findings;
    @Inject
    PolicyService policies;

    public record Page(List<FindingView> items, int page, int size, long total) {
    }

    public record AcknowledgeInput(String reason) {
    }

    @GET
    public Page list(@BeanParam FindingParams params, @QueryParam("page") String page, @QueryParam("size") String size) {
        findings.requireOverseer(caller.get(), "list_findings", null);
        FindingFilter filter = params.filter(page, size);
        Findings.Page found = findings.list(caller.get(), filter);
        return new Page(found.items().stream().map(f -> FindingView.of(f, policies.current())).toList(), filter.page(),
                filter.size(), found.total());
    }

    @GET
    @Path("{id}")
    public FindingView get(@PathParam("id") String id) {
        findings.requireOverseer(caller.get(), "read_finding", null);
        return FindingView.of(findings.get(caller.get(), findingId(id)), policies.current());
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    public FindingView acknowledge(@PathParam("id") String id, AcknowledgeInput input) {
        if (input == null) {
            throw new InvalidInput("body", "a JSON object is required");
        }
        findings.requireOverseer(caller.get(), "acknowledge_finding", null);
        return FindingView.of(findings.acknowledge(caller.get(), findingId(id), input.reason()), policies.current());
    }

    static long findingId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new InvalidInput("id", "must be a positive finding number");
    }
}
