package dev.rootgate.web.pages;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import dev.rootgate.identity.Caller;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.request.RequestQueries;
import dev.rootgate.request.RequestReads;
import dev.rootgate.web.view.RequestView;
import dev.rootgate.web.view.RequestViews;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** The lists of requests: mine, all of them (overseers), awaiting my decision (live), decided by me. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ListPages {

    @Inject
    CurrentCaller caller;
    @Inject
    RequestReads reads;
    @Inject
    RequestViews views;
    @Inject
    Frames frames;

    @Location("pages/list.html")
    Template listPage;

    @GET
    @Path("requests")
    public TemplateInstance myRequests(@RestQuery boolean all) {
        Caller me = caller.get();
        boolean everything = all && frames.of(me).overseer();
        return list(me, everything ? "All requests" : "My requests",
                everything ? "No requests yet."
                        : "You have not requested anything yet. To ask for a root session, use New request.",
                read(me, new RequestQueries.Filter(Optional.empty(), !everything, false, false, 0, 100)), null);
    }

    @GET
    @Path("approvals")
    public TemplateInstance awaitingMe() {
        Caller me = caller.get();
        List<RequestView> items = awaiting(me);
        return list(me, "Awaiting my decision", "Nothing is waiting for your decision. New requests for your groups"
                + " appear here; the ones you decided are under Decided by me.", items, QueueState.of(items));
    }

    /**
     * What the open queue polls (static/live.js) to learn that a request arrived or left it (decided, by this
     * approver or by others, cancelled, expired), and then fetches the page again.
     */
    @GET
    @Path("approvals/state")
    @Produces(MediaType.APPLICATION_JSON)
    public QueueState awaitingMeState() {
        return QueueState.of(awaiting(caller.get()));
    }

    @GET
    @Path("approvals/decided")
    public TemplateInstance decidedByMe() {
        Caller me = caller.get();
        return list(me, "Decided by me", "You have not decided on any request yet.",
                read(me, new RequestQueries.Filter(Optional.empty(), false, false, true, 0, 100)), null);
    }

    private List<RequestView> awaiting(Caller me) {
        return read(me, new RequestQueries.Filter(Optional.empty(), false, true, false, 0, 100));
    }

    private List<RequestView> read(Caller me, RequestQueries.Filter filter) {
        return views.summaries(reads.list(me, filter));
    }

    private TemplateInstance list(Caller me, String title, String empty, List<RequestView> items, QueueState live) {
        return listPage.data("frame", frames.of(me)).data("error", null).data("title", title).data("empty", empty)
                .data("items", items).data("live", live);
    }
}
