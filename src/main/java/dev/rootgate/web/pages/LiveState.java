package dev.rootgate.web.pages;

import dev.rootgate.web.view.RequestView;

/**
 * What an open request page polls for (static/live.js): a GET with nothing secret in it. {@code version} changes
 * whenever anything the page shows its viewer would: the request row, a decision, an event of its timeline.
 * {@code news} is what screen readers are told when it changed.
 */
public record LiveState(String status, long approvalsReceived, int approvalsRequired, String version, String news) {

    static LiveState of(RequestView view) {
        return new LiveState(view.status(), view.approvalsReceived(), view.approvalsRequired(),
                view.status() + "." + view.version() + "." + view.decisions().size() + "." + view.timeline().size(),
                "Request updated: " + view.status() + ", " + view.approvalsReceived() + " of "
                        + view.approvalsRequired() + " approvals.");
    }
}
