package dev.rootgate.web.pages;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import dev.rootgate.problem.Problem;
import io.vertx.ext.web.RoutingContext;

/**
 * A page form gives each field once, like the API's JSON: {@code @RestForm} would take the first of two
 * {@code decision} fields, and a proxy or log the last, so two readers would see different decisions in the same
 * bytes. A form with a field twice is refused, naming it, before anything runs.
 */
public class SingleValuedForms {

    @Inject
    ErrorPages errorPages;

    @ServerRequestFilter
    @WithFormRead
    public Response refuseRepeatedFields(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        if (FormsOnly.isSafe(request.getMethod()) || FormsOnly.isApi(routing.normalizedPath())) {
            return null;
        }
        FormData form = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
        if (form == null) {
            return null;
        }
        for (String field : form) {
            if (form.get(field).size() > 1) {
                String named = field.length() <= 100 ? field : "a field";
                return errorPages.renderBeforeRun(new Problem(400, "invalid_input",
                        named + ": given more than once; nothing was changed", Map.of("field", named)));
            }
        }
        return null;
    }
}
