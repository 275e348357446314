package dev.rootgate.web.api;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.rootgate.approval.ApprovalService;
import dev.rootgate.request.RequestReads;
import dev.rootgate.broker.IssuedCredentials;
import dev.rootgate.broker.SessionService;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.problem.InvalidInput;
import dev.rootgate.request.NewRequest;
import dev.rootgate.request.RequestQueries;
import dev.rootgate.request.RequestService;
import dev.rootgate.request.RequestStatus;
import dev.rootgate.web.view.RequestView;
import dev.rootgate.web.view.RequestViews;

@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestsResource {

    static final int MAX_PAGE_SIZE = 100;
    /** Keeps page × size far from overflowing the query's offset. */
    static final int MAX_PAGE = 100_000;

    @Inject
    CurrentCaller caller;
    @Inject
    RequestService requests;
    @Inject
    RequestReads reads;
    @Inject
    ApprovalService approvals;
    @Inject
    SessionService sessions;
    @Inject
    RequestViews views;

    public record DecisionInput(String decision, String comment) {
    }

    public record Page(List<RequestView> items, int page, int size, long total) {
    }

    public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration) {
        @Override
        public String toString() {
            return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", secrets hidden]";
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewRequest input) {
        if (input == null) {
            throw new InvalidInput("body", "a JSON object is required");
        }
        RequestReads.Detail created = requests.create(caller.get(), input);
        // A path, not an absolute URI: one built from the request would name whatever Host the client sent.
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/v1/requests/" + created.request().id)
                .entity(views.detail(created)).build();
    }

    @GET
    public Page list(@QueryParam("status") String status, @QueryParam("mine") String mine,
            @QueryParam("awaitingMe") String awaitingMe, @QueryParam("decidedByMe") String decidedByMe,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        RequestQueries.Filter filter = new RequestQueries.Filter(statusParam(status), flag("mine", mine),
                flag("awaitingMe", awaitingMe), flag("decidedByMe", decidedByMe), number("page", page, 0, 0, MAX_PAGE),
                number("size", size, 20, 1, MAX_PAGE_SIZE));
        RequestReads.Page result = reads.list(caller.get(), filter);
        return new Page(views.summaries(result), filter.page(), filter.size(), result.total());
    }

    @GET
    @Path("{id}")
    public RequestView get(@PathParam("id") String id) {
        return views.detail(caller.get(), requestId(id));
    }

    @POST
    @Path("{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    public RequestView decide(@PathParam("id") String id, DecisionInput input) {
        if (input == null) {
            throw new InvalidInput("body", "a JSON object is required");
        }
        return views.detail(caller.get(), approvals.decide(caller.get(), requestId(id), input.decision(), input.comment()));
    }

    @POST
    @Path("{id}/cancel")
    public RequestView cancel(@PathParam("id") String id) {
        return views.detail(caller.get(), requests.cancel(caller.get(), requestId(id)));
    }

    @POST
    @Path("{id}/session")
    public Response startSession(@PathParam("id") String id) {
        IssuedCredentials issued = sessions.start(caller.get(), requestId(id)).credentials();
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(new SessionCredentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(),
                        issued.expiration().toString()))
                .build();
    }

    static long requestId(String text) {
        return requestId("id", text);
    }

    static long requestId(String field, String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new InvalidInput(field, "must be a positive request number");
    }

    private static Optional<RequestStatus> statusParam(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RequestStatus.valueOf(text.strip().toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "one of " + java.util.Arrays.toString(RequestStatus.values()));
        }
    }

    private static boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInput(name, "true or false");
        };
    }

    /** A query parameter that must be a whole number in a range; absent or blank: {@code fallback}. */
    static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new InvalidInput(name, "a whole number from " + min + " to " + max);
    }
}
