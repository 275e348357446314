package dev.rootgate.problem;

/**
 * An audited refusal, fired in the transaction that audits it. {@code burst} marks the refusal that starts its
 * subject's summary for the rate-limit window: from there on refusals are counted, not audited one by one.
 */
public record RefusalEvent(Refusal refusal, boolean burst) {
}
