package dev.rootgate.ops;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps query strings out of spans. The HTTP instrumentation records a server request's query (url.query) and a
 * client call's whole URL (url.full), and rootgate's queries can carry what a collector must not keep: the OIDC
 * callback's authorization code and state, the searches and export ranges of auditors. The path and the route stay,
 * which is what a trace is read for. Both attributes are set before the span starts, so they are replaced here
 * before anything can export them (a span's attribute cannot be removed, only overwritten).
 */
@ApplicationScoped
public class TraceRedaction implements SpanProcessor {

    static final String REDACTED = "redacted";
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> FULL_URL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, REDACTED);
        }
        String url = span.getAttribute(FULL_URL);
        int query = url == null ? -1 : url.indexOf('?');
        if (query >= 0) {
            span.setAttribute(FULL_URL, url.substring(0, query + 1) + REDACTED);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
