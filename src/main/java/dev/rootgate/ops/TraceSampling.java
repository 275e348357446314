package dev.rootgate.ops;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Which spans are kept when tracing is on: every request rootgate serves, with what happens inside it, and nothing
 * else. The schedulers' SQL statements (outbox, chain sealer, detection) have no span of their own to hang from, so
 * each would be a trace of one statement, several a second per replica. A caller's traceparent may name the trace
 * but cannot decide the sampling: an "unsampled" flag must not keep a request out of the traces.
 */
@ApplicationScoped
public class TraceSampling implements Sampler {

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        boolean sampled = parent.isValid() && !parent.isRemote() ? parent.isSampled() : spanKind == SpanKind.SERVER;
        return sampled ? SamplingResult.recordAndSample() : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "RootgateRequests";
    }
}
