package dev.rootgate.web.pages;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.rootgate.detect.Findings;
import dev.rootgate.identity.Caller;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.notify.FailedDeliveries;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The admin's page: whether notifications are on, how many alerts wait for acknowledgement, and the deliveries that
 * failed, each with a retry button.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    @Inject
    CurrentCaller caller;
    @Inject
    FailedDeliveries failed;
    @Inject
    Findings findings;
    @Inject
    Frames frames;
    @Location("pages/admin.html")
    Template adminPage;

    @GET
    public TemplateInstance admin() {
        Caller me = caller.get();
        return adminPage.data("frame", frames.of(me)).data("error", null)
                .data("notificationsOn", failed.notificationsOn()).data("failed", failed.list(me))
                .data("openAlerts", findings.openAlerts(me));
    }

    @POST
    @Path("notifications/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED) // only forms: the CSRF filter checks their token
    public Response retry(@PathParam("id") long id) {
        failed.retry(caller.get(), id);
        return RequestPages.seeOther("/admin");
    }
}
