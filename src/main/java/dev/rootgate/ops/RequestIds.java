package dev.rootgate.ops;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;

/**
 * Gives every request on the main port an id of rootgate's own: in the logging context (MDC key requestId, so every
 * line logged while serving it carries it, in JSON logs too) and in the X-Request-Id response header, so a user's
 * report names the lines to read. A caller's id is not taken over: a chosen id could make two requests one in the logs.
 * When tracing is on, the request's server span carries it too (SPAN_ATTRIBUTE), so a report leads to its trace;
 * when it is off the current span is a no-op and setting the attribute costs nothing.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String SPAN_ATTRIBUTE = "rootgate.request_id";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String id = UUID.randomUUID().toString();
            MDC.put(MDC_KEY, id);
            Span.current().setAttribute(SPAN_ATTRIBUTE, id);
            context.response().putHeader(HEADER, id);
            context.addEndHandler(done -> MDC.remove(MDC_KEY));
            context.next();
        });
    }
}
